import { describe, expect, it } from 'vitest';
import { diffExports, type DiffChange, type DiffResult } from '../../../src/diff/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import type { ExportBot, GuildExport } from '../../../src/schema/types.js';
import { GUILD_ID, channel, guild, ow, role } from '../permissions/guild-fixture.js';
import { toSnapshotJson } from '../../../src/writers/snapshot-json.js';

const MODS = '200000000000000001';
const MEMBERS = '200000000000000002';
const GENERAL = '400000000000000001';
const STAFF = '400000000000000002';
const LOUNGE = '400000000000000003';
const CAT_A = '410000000000000001';
const CAT_B = '410000000000000002';

function base(): GuildExport {
  return guild(['ViewChannel', 'SendMessages'], [
    role(MODS, 'Mods', ['KickMembers'], { position: 2 }),
    role(MEMBERS, 'Members', ['AttachFiles'], { position: 1 }),
  ], [
    channel(CAT_A, 'Text', [], { type: 4, type_name: 'category', position: 0 }),
    channel(CAT_B, 'Staff area', [], { type: 4, type_name: 'category', position: 1 }),
    channel(GENERAL, 'general', [], { category: CAT_A, position: 0 }),
    channel(LOUNGE, 'lounge', [], { category: CAT_A, position: 1 }),
    channel(STAFF, 'staff', [ow(GUILD_ID, [], ['ViewChannel']), ow(MODS, ['ViewChannel'])], { category: CAT_B, position: 0 }),
  ]);
}

function bot(id: string, name: string, perms: string[]): ExportBot {
  return { id, name, permissions: bitsOf(perms).toString(), permission_names: perms, roles: [], managed_role: null,
    added_by: null, added_at: null };
}

const edit = (f: (e: GuildExport) => void): [GuildExport, GuildExport] => {
  const before = base();
  const after = base();
  f(after);
  return [before, after];
};
const find = (d: DiffResult, kind: string, id?: string): DiffChange | undefined =>
  d.changes.find((c) => c.kind === kind && (id === undefined || c.id === id));

describe('diffExports', () => {
  it('reports nothing between identical exports', () => {
    expect(diffExports(base(), base())).toEqual({
      changes: [], escalations: 0, counts: { total: 0, critical: 0, high: 0, medium: 0, low: 0, info: 0 }, not_compared: [], partly_compared: [],
      out_of_scope: expect.any(Array),
    });
  });

  it('matches roles by id: a rename is a rename, not a removal plus an addition', () => {
    const d = diffExports(...edit((e) => { e.roles[1].name = 'Moderators'; }));
    expect(d.changes.map((c) => [c.kind, c.id, c.summary])).toEqual([
      ['renamed', MODS, 'renamed from "Mods" to "Moderators"'],
    ]);
  });

  it('names the permission bits a role gained and lost, and flags a dangerous gain as an escalation', () => {
    const d = diffExports(...edit((e) => {
      e.roles[2].permissions = bitsOf(['BanMembers', 'EmbedLinks']).toString();
    }));
    const gained = find(d, 'permissions_gained', MEMBERS)!;
    expect(gained).toMatchObject({ entity: 'role', name: 'Members', summary: 'gained BanMembers, EmbedLinks', escalation: true, severity: 'high' });
    expect(find(d, 'permissions_lost', MEMBERS)).toMatchObject({ summary: 'lost AttachFiles', escalation: false });
    expect(d.changes[0]).toBe(gained);
  });

  it('rates @everyone gaining Administrator as critical and lists it first', () => {
    const d = diffExports(...edit((e) => {
      e.roles[0].permissions = bitsOf(['ViewChannel', 'SendMessages', 'Administrator']).toString();
      e.channels[2].topic = 'new topic';
    }));
    expect(d.changes[0]).toMatchObject({ kind: 'permissions_gained', id: GUILD_ID, name: '@everyone',
      severity: 'critical', escalation: true, summary: 'gained Administrator' });
    // With Administrator, @everyone now reads the private staff channel too.
    expect(find(d, 'became_public', STAFF)).toMatchObject({ escalation: true });
  });

  it('reports a private channel opened to @everyone through its overwrites', () => {
    const d = diffExports(...edit((e) => { e.channels[4].permission_overwrites = [ow(MODS, ['ViewChannel'])]; }));
    expect(d.escalations).toBe(1);
    expect(d.changes[0]).toMatchObject({ kind: 'became_public', entity: 'channel', id: STAFF, name: 'staff' });
    expect(find(d, 'overwrite_removed', STAFF)?.summary).toBe('overwrite removed for @everyone');
  });

  it('describes overwrite changes per target, with member targets never named by id', () => {
    const d = diffExports(...edit((e) => {
      e.channels[2].permission_overwrites = [ow(MEMBERS, ['EmbedLinks'], ['SendMessages']), ow('300000000000000001', ['ViewChannel'], [], 'member')];
      e.channels[4].permission_overwrites[1] = ow(MODS, ['ViewChannel', 'ManageMessages']);
    }));
    expect(find(d, 'overwrite_changed', STAFF)).toMatchObject({
      summary: 'overwrite changed for role Mods', details: ['now allows ManageMessages'], escalation: false,
    });
    const added = d.changes.filter((c) => c.kind === 'overwrite_added').map((c) => [c.summary, c.details]);
    expect(added).toEqual([
      ['overwrite added for a member', ['allows ViewChannel']],
      ['overwrite added for role Members', ['allows EmbedLinks', 'denies SendMessages']],
    ]);
    expect(JSON.stringify(d)).not.toContain('300000000000000001');
  });

  it('reports moves between categories, but not the renumbering caused by a new channel', () => {
    const d = diffExports(...edit((e) => {
      e.channels[3].category = CAT_B;
      e.channels.push(channel('400000000000000009', 'new', [], { category: CAT_A, position: 0 }));
      e.channels[2].position = 1;
    }));
    expect(d.changes.map((c) => [c.kind, c.id, c.summary])).toEqual([
      ['moved', LOUNGE, 'moved from category Text to category Staff area'],
      ['added', '400000000000000009', 'added'],
    ]);
  });

  it('reports a reorder within a category: the channel dragged, not the one it passed', () => {
    const d = diffExports(...edit((e) => { e.channels[2].position = 2; }));
    expect(d.changes.map((c) => [c.kind, c.id, c.summary])).toEqual([['moved', GENERAL, 'position 0 -> 2']]);
  });

  it('reports a role moved in the hierarchy, not the roles it passed', () => {
    const d = diffExports(...edit((e) => { e.roles[2].position = 3; }));
    expect(d.changes.map((c) => [c.kind, c.id, c.summary])).toEqual([
      ['moved', MEMBERS, 'moved up the role hierarchy (position 1 -> 3)'],
    ]);
  });

  it('reports guild settings, lowering a safety level being an escalation', () => {
    const d = diffExports(...edit((e) => {
      e.server!.verification_level = 0;
      e.server!.mfa_level = 0;
      e.server!.explicit_content_filter = 2;
      e.server!.rules_channel_id = GENERAL;
      e.server!.features = ['COMMUNITY'];
    }));
    expect(d.changes.map((c) => [c.kind, c.escalation, c.summary])).toEqual([
      ['setting_lowered', true, '2FA requirement for moderation lowered from required to off'],
      ['setting_lowered', true, 'verification level lowered from medium to none'],
      ['setting_changed', false, 'rules channel: no channel -> #general'],
      ['added', false, 'enabled'],
    ]);
  });

  it('reports the server widget being turned on and its invite channel', () => {
    const d = diffExports(...edit((e) => {
      e.server!.widget_enabled = true;
      e.server!.widget_channel_id = GENERAL;
    }));
    expect(d.changes.map((c) => c.summary).sort()).toEqual([
      'server widget: false -> true',
      'widget invite channel: no channel -> #general',
    ]);
  });

  it('flags a bot added with Administrator, and not a harmless one', () => {
    const d = diffExports(...edit((e) => {
      e.bots = [bot('600000000000000001', 'Helper', ['SendMessages']), bot('600000000000000002', 'Nuker', ['Administrator'])];
    }));
    expect(d.changes.map((c) => [c.name, c.severity, c.escalation])).toEqual([
      ['Nuker', 'critical', true],
      ['Helper', 'low', false],
    ]);
  });

  it('compares invites by shape and never prints their codes', () => {
    const inv = (code: string, maxAge: number) => ({ code, uses: 3, max_uses: 0, max_age: maxAge, temporary: false,
      created_by: '300000000000000001', channel: GENERAL, created_at: null, expires_at: null });
    const before = base();
    before.invites = [inv('keepme', 0), inv('gone1', 86400)];
    const after = base();
    // Same shape under a new code is no change; the snapshot form has no code, uses or inviter at all.
    after.invites = [{ max_uses: 0, max_age: 0, temporary: false, channel: GENERAL } as never, inv('new1', 0), inv('new2', 0)];
    const d = diffExports(before, after);
    expect(d.changes.map((c) => [c.kind, c.summary])).toEqual([
      ['added', '2 new invites: never expires, unlimited uses'],
      ['removed', '1 invite gone: expires after 1d, unlimited uses'],
    ]);
    const text = JSON.stringify(d);
    for (const secret of ['keepme', 'gone1', 'new1', 'new2', '300000000000000001']) expect(text).not.toContain(secret);
  });

  it('covers webhooks, emojis, stickers, automod rules, events and threads by id', () => {
    const before = base();
    before.webhooks = [{ id: '800000000000000001', name: 'Deploys', type: 1, channel: GENERAL, application_id: null, created_by: null }];
    before.automod = [{ id: '810000000000000001', name: 'Block links', trigger: 'keyword', trigger_metadata: {},
      actions: [], enabled: true, event_type: 1, exempt_roles: [], exempt_channels: [] }];
    const after = structuredClone(before);
    after.webhooks[0].channel = STAFF;
    after.automod[0].enabled = false;
    after.emojis = [{ id: '700000000000000001', name: 'wave', animated: false, managed: false, available: true, roles: [] }];
    after.stickers = [{ id: '710000000000000001', name: 'hi', description: null, tags: 'wave', format_type: 1, available: true }];
    after.events = [{ id: '720000000000000001', name: 'Game night', description: null, status: 1, entity_type: 3, channel: null,
      location: 'online', scheduled_start_time: '2026-01-01T00:00:00.000Z', scheduled_end_time: null, user_count: null, creator_id: null }];
    after.threads = [{ id: '500000000000000001', name: 'help', parent: GENERAL, type: 11, type_name: 'public_thread',
      archived: false, locked: false, member_count: null, message_count: null, archive_timestamp: null,
      auto_archive_duration: null, created_at: null, applied_tags: [], last_message_id: null }];
    const d = diffExports(before, after);
    expect(d.changes.map((c) => [c.entity, c.kind, c.details ?? []])).toEqual([
      ['webhook', 'changed', ['channel: #general -> #staff']],
      ['automod', 'changed', ['enabled: true -> false']],
      ['thread', 'added', []],
      ['emoji', 'added', []],
      ['sticker', 'added', []],
      ['event', 'added', []],
    ]);
  });

  it('reads the trimmed snapshot form: lists missing, permissions given only by name', () => {
    const before = base() as unknown as Record<string, unknown>;
    const after = structuredClone(base()) as unknown as Record<string, unknown>;
    delete after.members;
    delete after.webhooks;
    for (const r of after.roles as Record<string, unknown>[]) delete r.permissions;
    (after.roles as { permission_names: string[] }[])[2].permission_names = ['AttachFiles', 'ManageRoles'];
    const d = diffExports(before as never, after as never);
    expect(d.changes.map((c) => [c.kind, c.summary])).toEqual([['permissions_gained', 'gained ManageRoles']]);
  });

  it('does not touch its inputs', () => {
    const [before, after] = edit((e) => { e.roles[1].name = 'X'; });
    const copy = JSON.stringify([before, after]);
    diffExports(before, after);
    expect(JSON.stringify([before, after])).toBe(copy);
  });
});

describe('diffExports against the committed snapshot form', () => {
  function rich(): GuildExport {
    const exp = base();
    exp.channels[2].permission_overwrites = [
      ow('300000000000000001', ['ViewChannel'], [], 'member'), ow('300000000000000002', ['SendMessages'], [], 'member'),
    ];
    exp.invites = [{ code: 'abc', uses: 4, max_uses: 0, max_age: 0, temporary: false, created_by: '300000000000000001',
      channel: GENERAL, created_at: '2026-01-01T00:00:00.000Z', expires_at: null }];
    exp.bots = [bot('600000000000000001', 'Helper', ['SendMessages'])];
    exp.bots[0].added_by = '300000000000000001';
    return exp;
  }

  it('finds no change between an export and its own snapshot.json', () => {
    const exp = rich();
    expect(diffExports(exp, toSnapshotJson(exp)).changes).toEqual([]);
    expect(diffExports(toSnapshotJson(exp), exp).changes).toEqual([]);
  });

  it('still sees a member overwrite that changed, with member ids hidden', () => {
    const before = rich();
    const after = rich();
    after.channels[2].permission_overwrites[1] = ow('300000000000000002', ['SendMessages', 'AttachFiles'], [], 'member');
    const d = diffExports(toSnapshotJson(before), toSnapshotJson(after));
    expect(d.changes.map((c) => [c.kind, c.summary, c.details])).toEqual([
      ['overwrite_added', 'overwrite added for a member', ['allows SendMessages, AttachFiles']],
      ['overwrite_removed', 'overwrite removed for a member', ['allows SendMessages']],
    ]);
  });
});
