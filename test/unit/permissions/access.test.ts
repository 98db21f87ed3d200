import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../../src/permissions/access.js';
import { GUILD_ID, channel, guild, ow, role } from './guild-fixture.js';

const MODS = '200000000000000001';
const ADMINS = '200000000000000002';
const READERS = '200000000000000003';

function sample() {
  return guild(['ViewChannel', 'SendMessages'], [
    role(MODS, 'Mods', ['ManageChannels']),
    role(ADMINS, 'Admins', ['Administrator']),
    role(READERS, 'Readers', []),
  ], [
    channel('400000000000000003', 'staff', [
      ow(GUILD_ID, [], ['ViewChannel']), ow(MODS, ['ViewChannel']), ow('300000000000000001', ['ViewChannel'], [], 'member'),
    ], { position: 2 }),
    channel('400000000000000002', 'announcements', [ow(GUILD_ID, [], ['SendMessages']), ow(READERS, [], ['ViewChannel'])], { position: 1 }),
    channel('400000000000000001', 'general', [], { position: 1 }),
  ]);
}

describe('computeAccess', () => {
  it('orders channels by position then id', () => {
    expect(computeAccess(sample()).map((a) => a.channel)).toEqual([
      '400000000000000001', '400000000000000002', '400000000000000003',
    ]);
  });

  it('marks a channel private when @everyone cannot view it and lists who can', () => {
    const staff = computeAccess(sample()).find((a) => a.channel === '400000000000000003')!;
    expect(staff).toEqual({
      channel: '400000000000000003', private: true,
      can_view: [MODS, ADMINS], can_send: [MODS, ADMINS], can_manage: [MODS, ADMINS], member_overwrites: 1,
    });
  });

  it('lists @everyone among the viewers of a public channel, and honours role denies', () => {
    const ann = computeAccess(sample()).find((a) => a.channel === '400000000000000002')!;
    expect(ann.private).toBe(false);
    expect(ann.can_view).toEqual([GUILD_ID, MODS, ADMINS]);
    expect(ann.can_send).toEqual([ADMINS]);
    expect(ann.can_manage).toEqual([MODS, ADMINS]);
  });

  it('is deterministic whatever the input order', () => {
    const a = sample();
    const b = sample();
    b.roles.reverse();
    b.channels.reverse();
    expect(JSON.stringify(computeAccess(b))).toBe(JSON.stringify(computeAccess(a)));
  });
});
