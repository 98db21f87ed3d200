import { describe, expect, it } from 'vitest';
import { renderSnapshotJson, toSnapshotJson } from '../../../src/writers/snapshot-json.js';
import {
  BOT_ADDER, EVENT_HOST, fixtureExport, HOOK_MAKER, INVITE_CODES, INVITER, MEMBER_NAMES, OVERWRITE_MEMBER, OWNER, sf, shuffled,
} from './fixture.js';

const PRIVATE_IDS = [OWNER, INVITER, HOOK_MAKER, BOT_ADDER, EVENT_HOST, OVERWRITE_MEMBER, sf(800), sf(801)];

describe('toSnapshotJson', () => {
  it('leaves out member ids, member names, invite codes and the LLM prompt by default', () => {
    const text = renderSnapshotJson(fixtureExport());
    for (const secret of [...PRIVATE_IDS, ...MEMBER_NAMES, ...INVITE_CODES, 'Audit this server']) expect(text).not.toContain(secret);
    const snap = JSON.parse(text);
    expect(snap.members).toEqual([]);
    expect(snap.server.owner).toBe('');
    expect(snap.bots[0].added_by).toBeNull();
    expect(snap.webhooks[0].created_by).toBeNull();
    expect(snap.events[0].creator_id).toBeNull();
    expect(snap.summary.llm_audit_prompt).toBe('');
    expect(snap.summary.findings[0].evidence).toEqual([{ id: sf(1), name: 'Test | Guild' }, { id: 'member', name: 'member' }]);
    expect(snap.summary.findings[0].message).toBe('Owner member left verification low');
    const memberOverwrite = snap.channels.find((c: { id: string }) => c.id === sf(21)).permission_overwrites.find((o: { type: string }) => o.type === 'member');
    expect(memberOverwrite).toEqual({ id: 'member', type: 'member', allow: '1024', deny: '0', allow_names: ['ViewChannel'], deny_names: [] });
  });

  it('keeps only the shape of each invite', () => {
    const snap = toSnapshotJson(fixtureExport());
    expect(snap.invites).toEqual([
      { code: '', uses: 0, max_uses: 0, max_age: 0, temporary: false, created_by: null, channel: sf(20), created_at: null, expires_at: 'never' },
      { code: '', uses: 0, max_uses: 10, max_age: 86400, temporary: false, created_by: null, channel: sf(20), created_at: null, expires_at: null },
    ]);
  });

  it('drops volatile values: run time, durations, presence, activity; rounds member counts', () => {
    const snap = toSnapshotJson(fixtureExport());
    expect(snap.meta.exported_at).toBe('1970-01-01T00:00:00.000Z');
    expect(snap.meta.duration_ms).toBe(0);
    expect(Object.values(snap.meta.collectors).map((c) => c.duration_ms)).toEqual([0, 0, 0]);
    expect(snap.meta.collectors.members.count).toBe(1400);
    expect(snap.server?.presence_count).toBeNull();
    expect(snap.server?.member_count).toBe(1400);
    expect(snap.roles.find((r) => r.is_everyone)?.member_count).toBe(1400);
    expect(snap.roles.find((r) => r.name === 'Moderators')?.member_count).toBe(12);
    expect(snap.channels.every((c) => c.last_message_id === null)).toBe(true);
    expect(snap.threads.every((t) => t.message_count === null && t.last_message_id === null && t.member_count === null)).toBe(true);
    expect(snap.events[0].user_count).toBeNull();
    expect(snap.summary.total_members).toBe(1400);
  });

  it('is identical for shuffled input and for a rerun a few members and minutes later', () => {
    const first = renderSnapshotJson(fixtureExport());
    const later = fixtureExport();
    later.meta.exported_at = '2026-11-26T12:00:00.000Z';
    later.meta.duration_ms = 999;
    later.server!.member_count = 1441;
    later.server!.presence_count = 12;
    later.channels[1].last_message_id = sf(6000);
    expect(renderSnapshotJson(shuffled(later))).toBe(first);
    expect(renderSnapshotJson(shuffled(fixtureExport()))).toBe(first);
  });

  it('sorts arrays by id and writes keys in the schema order', () => {
    const snap = toSnapshotJson(shuffled(fixtureExport()));
    const ids = snap.roles.map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(Object.keys(snap)).toEqual(Object.keys(fixtureExport()));
    expect(Object.keys(snap.roles[0])).toEqual(Object.keys(fixtureExport().roles[0]));
    expect(snap.server?.features).toEqual(['COMMUNITY', 'NEWS']);
    expect(renderSnapshotJson(fixtureExport()).endsWith('}\n')).toBe(true);
  });

  it('keeps member ids only when opted in and the export holds full member data', () => {
    const full = toSnapshotJson(fixtureExport(), { includeMemberIds: true });
    expect(full.server?.owner).toBe(OWNER);
    expect(full.bots[0].added_by).toBe(BOT_ADDER);
    expect(full.members).toEqual([]);
    const counts = fixtureExport();
    counts.meta.scope.members = 'counts';
    expect(toSnapshotJson(counts, { includeMemberIds: true }).server?.owner).toBe('');
  });

  it('keeps invite codes when asked, still without the inviter unless ids are kept', () => {
    const snap = toSnapshotJson(fixtureExport(), { includeInviteCodes: true });
    expect(snap.invites.map((i) => i.code).sort()).toEqual([...INVITE_CODES].sort());
    expect(snap.invites.every((i) => i.created_by === null && i.uses === 0)).toBe(true);
    expect(snap.invites.map((i) => i.expires_at).sort()).toEqual(['2026-11-26T00:00:00.000Z', null].sort());
  });

  it('does not modify its input', () => {
    const exp = fixtureExport();
    toSnapshotJson(exp);
    expect(exp).toEqual(fixtureExport());
  });
});
