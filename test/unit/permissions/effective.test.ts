import { describe, expect, it } from 'vitest';
import { basePermissions, channelPermissions } from '../../../src/permissions/effective.js';
import { ALL_PERMISSIONS, bitsOf, permissionNames } from '../../../src/discord/permissions.js';
import { GUILD_ID, OWNER_ID, channel, guild, ow, role } from './guild-fixture.js';

const A = '200000000000000001';
const B = '200000000000000002';
const MEMBER = '300000000000000001';
const CH = '400000000000000001';
const names = (bits: bigint): string[] => permissionNames(bits);

describe('basePermissions', () => {
  const exp = guild(['ViewChannel', 'SendMessages'], [
    role(A, 'Mods', ['KickMembers', 'ManageMessages']),
    role(B, 'Admins', ['Administrator']),
  ]);

  it('is the @everyone role alone for a member without roles', () => {
    expect(names(basePermissions(exp, []))).toEqual(['ViewChannel', 'SendMessages']);
  });
  it('ORs the member roles onto @everyone', () => {
    expect(basePermissions(exp, [A])).toBe(bitsOf(['ViewChannel', 'SendMessages', 'KickMembers', 'ManageMessages']));
  });
  it('gives everything to Administrator', () => {
    expect(basePermissions(exp, [B])).toBe(ALL_PERMISSIONS);
  });
  it('gives everything to the owner, whatever the roles', () => {
    expect(basePermissions(exp, [], { isOwner: true })).toBe(ALL_PERMISSIONS);
  });
  it('ignores role ids the guild does not have', () => {
    expect(basePermissions(exp, ['999999999999999999'])).toBe(bitsOf(['ViewChannel', 'SendMessages']));
  });
});

// Hand-worked cases following the order in Discord's "Permission Overwrites" section:
// base (@everyone + roles) -> @everyone overwrite -> role overwrites combined -> member overwrite.
interface Case {
  name: string;
  everyone: string[];
  roles?: [id: string, perms: string[]][];
  overwrites: ReturnType<typeof ow>[];
  subject: { roleIds: string[]; memberId?: string; isOwner?: boolean };
  expected: string[] | 'ALL';
}

const cases: Case[] = [
  {
    name: 'no overwrites: base permissions apply',
    everyone: ['ViewChannel', 'SendMessages'], overwrites: [], subject: { roleIds: [] },
    expected: ['ViewChannel', 'SendMessages'],
  },
  {
    name: '@everyone overwrite denies sending',
    everyone: ['ViewChannel', 'SendMessages'], overwrites: [ow(GUILD_ID, [], ['SendMessages'])],
    subject: { roleIds: [] }, expected: ['ViewChannel'],
  },
  {
    name: '@everyone overwrite allows what the base lacks',
    everyone: ['ViewChannel'], overwrites: [ow(GUILD_ID, ['AttachFiles'])],
    subject: { roleIds: [] }, expected: ['ViewChannel', 'AttachFiles'],
  },
  {
    name: 'private channel: @everyone denied view, a role allowed back in',
    everyone: ['ViewChannel', 'SendMessages'], roles: [[A, []]],
    overwrites: [ow(GUILD_ID, [], ['ViewChannel']), ow(A, ['ViewChannel'])],
    subject: { roleIds: [A] }, expected: ['ViewChannel', 'SendMessages'],
  },
  {
    name: 'the docs #coolstuff case: role A denies view, role B allows it, the member sees the channel',
    everyone: ['ViewChannel', 'SendMessages'], roles: [[A, []], [B, []]],
    overwrites: [ow(A, [], ['ViewChannel']), ow(B, ['ViewChannel'])],
    subject: { roleIds: [A, B] }, expected: ['ViewChannel', 'SendMessages'],
  },
  {
    name: 'role overwrites are combined: order of roles does not matter',
    everyone: ['ViewChannel', 'SendMessages'], roles: [[A, []], [B, []]],
    overwrites: [ow(A, [], ['ViewChannel']), ow(B, ['ViewChannel'])],
    subject: { roleIds: [B, A] }, expected: ['ViewChannel', 'SendMessages'],
  },
  {
    name: 'a role overwrite deny beats an @everyone overwrite allow',
    everyone: ['ViewChannel'], roles: [[A, []]],
    overwrites: [ow(GUILD_ID, ['SendMessages']), ow(A, [], ['SendMessages'])],
    subject: { roleIds: [A] }, expected: ['ViewChannel'],
  },
  {
    name: 'a member overwrite deny beats a role overwrite allow',
    everyone: ['ViewChannel'], roles: [[A, []]],
    overwrites: [ow(A, ['SendMessages']), ow(MEMBER, [], ['SendMessages'], 'member')],
    subject: { roleIds: [A], memberId: MEMBER }, expected: ['ViewChannel'],
  },
  {
    name: 'a member overwrite lets one person into a private channel',
    everyone: ['ViewChannel', 'SendMessages'],
    overwrites: [ow(GUILD_ID, [], ['ViewChannel']), ow(MEMBER, ['ViewChannel'], [], 'member')],
    subject: { roleIds: [], memberId: MEMBER }, expected: ['ViewChannel', 'SendMessages'],
  },
  {
    name: 'the member overwrite applies only to that member',
    everyone: ['ViewChannel', 'SendMessages'],
    overwrites: [ow(GUILD_ID, [], ['ViewChannel']), ow(MEMBER, ['ViewChannel'], [], 'member')],
    subject: { roleIds: [] }, expected: [],
  },
  {
    name: 'without ViewChannel every other permission is implicitly denied',
    everyone: ['SendMessages', 'AttachFiles'], overwrites: [], subject: { roleIds: [] }, expected: [],
  },
  {
    name: 'Administrator ignores every overwrite',
    everyone: ['ViewChannel'], roles: [[A, ['Administrator']]],
    overwrites: [ow(GUILD_ID, [], ['ViewChannel']), ow(A, [], ['ViewChannel', 'SendMessages'])],
    subject: { roleIds: [A] }, expected: 'ALL',
  },
  {
    name: 'the owner ignores every overwrite',
    everyone: [], overwrites: [ow(GUILD_ID, [], ['ViewChannel'])],
    subject: { roleIds: [], isOwner: true }, expected: 'ALL',
  },
  {
    name: 'the owner is recognised by member id',
    everyone: [], overwrites: [ow(GUILD_ID, [], ['ViewChannel'])],
    subject: { roleIds: [], memberId: OWNER_ID }, expected: 'ALL',
  },
  {
    name: 'overwrites of roles the member lacks do not apply',
    everyone: ['ViewChannel'], roles: [[A, []]],
    overwrites: [ow(A, [], ['ViewChannel'])], subject: { roleIds: [] }, expected: ['ViewChannel'],
  },
];

describe('channelPermissions: hand-worked cases', () => {
  it.each(cases)('$name', (c) => {
    const exp = guild(c.everyone, (c.roles ?? []).map(([id, perms]) => role(id, `role ${id}`, perms)), [
      channel(CH, 'coolstuff', c.overwrites),
    ]);
    const got = channelPermissions(exp, CH, c.subject);
    if (c.expected === 'ALL') expect(got).toBe(ALL_PERMISSIONS);
    else expect(names(got)).toEqual(names(bitsOf(c.expected)));
  });
});

describe('channelPermissions: structure', () => {
  const CAT = '400000000000000010';
  const THREAD = '500000000000000001';
  const exp = guild(['ViewChannel', 'SendMessages'], [], [
    channel(CAT, 'staff', [ow(GUILD_ID, [], ['ViewChannel'])], { type: 4, type_name: 'category' }),
    channel(CH, 'lobby', [], { category: CAT }),
  ]);
  exp.threads = [{
    id: THREAD, name: 'thread', parent: CH, type: 11, type_name: 'public_thread', archived: false, locked: false,
    member_count: null, message_count: null, archive_timestamp: null, auto_archive_duration: null, created_at: null,
    applied_tags: [], last_message_id: null,
  }];

  it('a channel in a category uses its own overwrites, not the category', () => {
    expect(names(channelPermissions(exp, CH, { roleIds: [] }))).toEqual(['ViewChannel', 'SendMessages']);
    expect(channelPermissions(exp, CAT, { roleIds: [] })).toBe(0n);
  });
  it('a thread inherits its parent channel', () => {
    expect(channelPermissions(exp, THREAD, { roleIds: [] })).toBe(channelPermissions(exp, CH, { roleIds: [] }));
  });
  it('an unknown channel grants nothing', () => {
    expect(channelPermissions(exp, '499999999999999999', { roleIds: [] })).toBe(0n);
  });
});
