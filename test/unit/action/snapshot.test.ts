import { describe, expect, it } from 'vitest';
import { buildSnapshotFiles, commitMessage, newlyFailedCollectors, parsePreviousSnapshot, snapshotDirFor } from '../../../src/action/snapshot.js';
import { emptyExport } from '../../../src/schema/empty.js';

const GUILD = '123456789012345678';

describe('snapshot helpers', () => {
  it('defaults the snapshot dir per guild', () => {
    expect(snapshotDirFor(null, GUILD)).toBe(`discord-snapshots/${GUILD}`);
    expect(snapshotDirFor('ops/discord', GUILD)).toBe('ops/discord');
  });

  it('fills the commit message template and appends the body', () => {
    const message = commitMessage('Snapshot {guild-name} ({guild-id}) score {score}', { guildName: 'Cafe', guildId: GUILD, score: '71' }, '2 changes\n');
    expect(message).toBe(`Snapshot Cafe (${GUILD}) score 71\n\n2 changes\n`);
    expect(commitMessage('x', { guildName: '', guildId: '', score: '' }, '  ')).toBe('x\n');
  });

  it('reads a previous snapshot and its score, and reports an unreadable one instead of throwing', () => {
    const exp = emptyExport(GUILD);
    exp.summary.health_score = 64;
    expect(parsePreviousSnapshot(JSON.stringify(exp), 'snap')).toMatchObject({ status: 'found', score: 64 });
    const broken = parsePreviousSnapshot('{not json', 'snapshot.json on main');
    expect(broken.status).toBe('unreadable');
    expect(broken.status === 'unreadable' && broken.reason).toMatch(/snapshot.json on main could not be read .*it will be replaced/);
    expect(parsePreviousSnapshot('{"a":1}', 'snap').status).toBe('unreadable');
  });

  it('commits no invite code unless include-invite-codes is set, public or private repository alike', () => {
    const exp = emptyExport(GUILD);
    exp.invites = [{ code: 'joinUsNow', uses: 3, max_uses: 0, max_age: 0, temporary: false, created_by: '223456789012345678', channel: '323456789012345678', created_at: '2025-01-01T00:00:00.000Z', expires_at: null }];
    const hidden = buildSnapshotFiles(exp, 'snaps', { includeInviteCodes: false });
    for (const file of hidden.files) expect(file.content).not.toContain('joinUsNow');
    expect(hidden.snapshot.invites).toEqual([expect.objectContaining({ code: '', max_age: 0, channel: '323456789012345678' })]);
    const kept = buildSnapshotFiles(exp, 'snaps', { includeInviteCodes: true });
    expect(kept.files[1].content).toContain('"code": "joinUsNow"');
    expect(kept.files[1].content).not.toContain('223456789012345678'); // the inviter stays out either way
  });

  it('writes snapshot.md and snapshot.json into the dir, without members', () => {
    const exp = emptyExport(GUILD, { members: 'full' });
    exp.members = [{ id: '1', name: 'alice', display_name: null, nick: null, roles: [], joined_at: null, bot: false, pending: false, premium_since: null, communication_disabled_until: null }];
    const { files, snapshot } = buildSnapshotFiles(exp, 'snaps', { includeInviteCodes: false });
    expect(files.map((f) => f.path)).toEqual(['snaps/snapshot.md', 'snaps/snapshot.json']);
    expect(files[1].content).not.toContain('alice');
    expect(snapshot.members).toEqual([]);
  });
});

describe('newlyFailedCollectors', () => {
  const record = (status: 'ok' | 'failed' | 'partial' | 'skipped') => ({ status, count: 1, duration_ms: 0 });
  it('names collectors that worked last time and fail now, not ones that keep failing', () => {
    const before = emptyExport(GUILD);
    before.meta.collectors = { roles: record('ok'), webhooks: record('failed'), invites: record('ok') };
    const now = emptyExport(GUILD);
    now.meta.collectors = { roles: record('failed'), webhooks: record('failed'), invites: record('partial'), bans: record('failed') };
    expect(newlyFailedCollectors(now, before)).toEqual(['invites', 'roles']);
    expect(newlyFailedCollectors(now, null)).toEqual([]);
  });
});
