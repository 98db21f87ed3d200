import { describe, expect, it } from 'vitest';
import { CHECK_IDS, runAudit } from '../../../src/audit/index.js';
import type { CheckOutcome, GuildExport } from '../../../src/schema/types.js';
import { base, channel, failCollector, GUILD, overwrite, role, sf, wellRun } from './fixtures.js';

/** The record (and finding) one check produced for an export. */
function judge(exp: GuildExport, id: string) {
  const result = runAudit(exp);
  const check = result.checks.find((c) => c.id === id)!;
  const finding = result.findings.find((f) => f.id === id)!;
  return { check, finding, result };
}

type Case = { id: string; pass: () => GuildExport; fail: () => GuildExport; na: () => GuildExport; evidence?: string };

const adminRoles = (n: number) => Array.from({ length: n }, (_, i) => role({ name: `Admin ${i}`, position: 20 + i }, ['Administrator']));
const withInvite = (exp: GuildExport, maxAge: number) => {
  exp.invites.push({ code: 'SECRETCODE1', uses: 3, max_uses: 0, max_age: maxAge, temporary: false, created_by: '100000000000000099',
    channel: exp.channels[4].id, created_at: '2026-01-01T00:00:00.000Z', expires_at: maxAge === 0 ? null : '2026-07-01T00:00:00.000Z' });
  return exp;
};
const botAdmin = (exp: GuildExport) => {
  const r = role({ name: 'Evil Bot', managed: true, bot_id: '100000000000000555', position: 30 }, ['Administrator']);
  exp.roles.push(r);
  exp.bots.push({ id: '100000000000000555', name: 'Evil Bot', permissions: r.permissions, permission_names: ['Administrator'], roles: [r.id], managed_role: r.id, added_by: null, added_at: null });
  return exp;
};
const mutate = (fn: (e: GuildExport) => void) => () => { const e = wellRun(); fn(e); return e; };

const cases: Case[] = [
  { id: 'verification_level_low', pass: wellRun, fail: mutate((e) => { e.server!.verification_level = 1; }), na: () => failCollector(wellRun(), 'server'), evidence: 'Fixture Guild' },
  { id: 'explicit_content_filter_disabled', pass: wellRun, fail: mutate((e) => { e.server!.explicit_content_filter = 0; }), na: mutate((e) => { e.server = null; }) },
  { id: 'mod_2fa_not_required', pass: wellRun, fail: mutate((e) => { e.server!.mfa_level = 0; }), na: () => failCollector(wellRun(), 'server') },
  { id: 'no_automod_rules', pass: wellRun, fail: mutate((e) => { e.automod.forEach((r) => { r.enabled = false; }); }), na: () => failCollector(wellRun(), 'automod'), evidence: 'Block spam' },
  { id: 'missing_moderation_logs', pass: mutate((e) => { e.server!.safety_alerts_channel_id = null; }),
    fail: mutate((e) => { e.server!.safety_alerts_channel_id = null; e.channels = e.channels.filter((c) => c.name !== 'mod-log'); e.automod = []; }),
    na: () => failCollector(wellRun(), 'channels') },
  { id: 'missing_rules_channel', pass: mutate((e) => { e.server!.rules_channel_id = null; }),
    fail: mutate((e) => { e.server!.rules_channel_id = null; e.channels.find((c) => c.name === 'rules')!.name = 'read-me-first'; }),
    na: () => failCollector(wellRun(), 'server') },
  { id: 'default_notifications_all_messages', pass: wellRun, fail: mutate((e) => { e.server!.default_message_notifications = 0; }), na: () => failCollector(wellRun(), 'server') },
  { id: 'everyone_dangerous_permissions', pass: wellRun, fail: mutate((e) => { e.roles[0].permission_names.push('ManageWebhooks'); }), na: () => failCollector(wellRun(), 'roles'), evidence: '@everyone' },
  { id: 'too_many_admin_roles', pass: mutate((e) => e.roles.push(...adminRoles(1))), fail: mutate((e) => e.roles.push(...adminRoles(3))), na: () => failCollector(wellRun(), 'roles'), evidence: 'Admin 0' },
  { id: 'bots_with_administrator', pass: wellRun, fail: mutate(botAdmin), na: () => failCollector(wellRun(), 'bots'), evidence: 'Evil Bot' },
  { id: 'unused_roles', pass: wellRun, fail: mutate((e) => e.roles.push(role({ name: 'Ghost', member_count: 0 }))),
    na: mutate((e) => { e.meta.scope.members = 'none'; e.roles.forEach((r) => { r.member_count = null; }); }), evidence: 'Ghost' },
  { id: 'uncategorized_channels', pass: wellRun, fail: mutate((e) => e.channels.push(channel({ name: 'loose' }))), na: () => failCollector(wellRun(), 'channels'), evidence: '#loose' },
  { id: 'empty_categories', pass: wellRun, fail: mutate((e) => e.channels.push(channel({ name: 'Old stuff', type_name: 'category' }))), na: () => failCollector(wellRun(), 'channels'), evidence: 'Old stuff' },
  { id: 'stale_channels', pass: wellRun, fail: mutate((e) => { e.channels.find((c) => c.name === 'help')!.last_message_id = sf(130); }), na: () => failCollector(wellRun(), 'channels'), evidence: '#help' },
  { id: 'permanent_invites', pass: mutate((e) => withInvite(e, 86400)), fail: mutate((e) => withInvite(e, 0)), na: () => failCollector(wellRun(), 'invites'), evidence: '#rules' },
  { id: 'everyone_overwrite_dangerous_permissions', pass: wellRun,
    fail: mutate((e) => { e.channels.find((c) => c.name === 'general')!.permission_overwrites.push(overwrite(GUILD, ['ManageMessages'], [])); }),
    na: () => failCollector(wellRun(), 'channels'), evidence: '#general' },
  { id: 'member_overwrite_sprawl', pass: wellRun,
    fail: mutate((e) => { e.channels.find((c) => c.name === 'help')!.permission_overwrites.push(...Array.from({ length: 11 }, () => overwrite(sf(), ['ViewChannel'], [], 'member'))); }),
    na: () => failCollector(wellRun(), 'channels'), evidence: '#help' },
  { id: 'duplicate_role_names', pass: wellRun, fail: mutate((e) => e.roles.push(role({ name: 'moderator ' }))), na: () => failCollector(wellRun(), 'roles'), evidence: 'Moderator' },
  { id: 'webhooks_in_public_channels', pass: mutate((e) => e.webhooks.push({ id: sf(), name: 'Logger', type: 1, channel: e.channels.find((c) => c.name === 'mod-log')!.id, application_id: null, created_by: null })),
    fail: mutate((e) => e.webhooks.push({ id: sf(), name: 'Feed', type: 1, channel: e.channels.find((c) => c.name === 'general')!.id, application_id: null, created_by: null })),
    na: mutate((e) => { e.access = []; }), evidence: 'Feed' },
  { id: 'staff_channels_public', pass: wellRun, fail: mutate((e) => { e.access.find((a) => a.channel === e.channels.find((c) => c.name === 'mod-log')!.id)!.private = false; }),
    na: mutate((e) => { e.access = []; }), evidence: '#mod-log' },
  { id: 'low_activity', pass: wellRun, fail: mutate((e) => { e.server!.presence_count = 20; }), na: mutate((e) => { e.server!.presence_count = null; }), evidence: 'Fixture Guild' },
  { id: 'roles_above_bots', pass: wellRun, fail: mutate((e) => e.roles.push(role({ name: 'Colour: red', position: 50 }))), na: mutate((e) => { e.bots = []; }), evidence: 'ModBot' },
];

describe('every check: pass, fail, not applicable', () => {
  it('covers every registered check', () => {
    expect(cases.map((c) => c.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  it.each(cases)('$id', (c) => {
    const expectOutcome = (exp: GuildExport, outcome: CheckOutcome) => {
      const { check } = judge(exp, c.id);
      expect(check.outcome, `${c.id}: ${check.message}`).toBe(outcome);
      return judge(exp, c.id);
    };
    expect(expectOutcome(c.pass(), 'pass').check.score).toBe(1);
    const failed = expectOutcome(c.fail(), 'fail');
    expect(failed.check.score).toBeLessThan(1);
    expect(failed.result.issues_found).toContain(c.id);
    if (c.evidence) expect(failed.finding.evidence.map((e) => e.name)).toContain(c.evidence);
    const na = expectOutcome(c.na(), 'not_applicable');
    expect(na.check.score).toBeNull();
    expect(na.result.issues_found).not.toContain(c.id);
  });
});

describe('data that was not collected', () => {
  it('a pass over partial data is not conclusive; a fail found there stands', () => {
    const exp = wellRun();
    exp.meta.collectors.invites = { status: 'partial', count: 1, duration_ms: 1 };
    exp.errors.push({ collector: 'invites', status: 'partial', code: 'HTTP_502', http_status: 502, message: 'page 2 failed', hint: 'retry' });
    exp.invites = [{ code: 'x', uses: 0, max_uses: 0, max_age: 3600, temporary: false, created_by: null, channel: null, created_at: null, expires_at: '2030-01-01T00:00:00.000Z' }];
    const passed = judge(exp, 'permanent_invites');
    expect(passed.check.outcome).toBe('not_applicable');
    expect(passed.check.message).toBe('Not conclusive: passed on partial data from invites (page 2 failed). Every invite expires (1 invite).');
    exp.invites[0] = { ...exp.invites[0], max_age: 0, expires_at: null };
    const failed = judge(exp, 'permanent_invites');
    expect(failed.check.outcome).toBe('fail');
    expect(failed.check.message).toMatch(/\(found in partial data from invites \(page 2 failed\); there may be more\)$/);
  });

  it('a check that reads a section that was not collected is not applicable with the reason, whatever else it reads', () => {
    const exp = failCollector(wellRun(), 'roles');
    for (const id of ['too_many_admin_roles', 'everyone_dangerous_permissions', 'staff_channels_public', 'webhooks_in_public_channels', 'unused_roles']) {
      const { check } = judge(exp, id);
      expect(check.outcome, id).toBe('not_applicable');
      expect(check.message, id).toMatch(/^(roles|access) not collected: /);
    }
    expect(judge(exp, 'verification_level_low').check.outcome).toBe('pass');
  });

  it('says which collector failed and leaves the check out of the score', () => {
    const exp = failCollector(wellRun(), 'automod');
    exp.automod = [];
    const { check, result } = judge(exp, 'no_automod_rules');
    expect(check.message).toBe('automod not collected: Missing Permissions');
    expect(result.score).toBe(100);
  });

  it('counts-only member mode still judges unused roles from the member aggregates', () => {
    const exp = wellRun();
    exp.meta.scope.members = 'counts';
    exp.roles.forEach((r) => { r.member_count = null; });
    exp.member_stats = { total: 2500, bots: 1, humans: 2499, role_counts: { [exp.roles[1].id]: 2, [exp.roles[2].id]: 6 }, without_roles: 10, pending: 0, timed_out: 0 };
    const { check, finding } = judge(exp, 'unused_roles');
    expect(check.outcome).toBe('fail');
    expect(finding.evidence.map((e) => e.name)).toEqual(['Member']);
  });
});

describe('a check that crashes', () => {
  it('gives error for itself only; the other checks and the score still come out', () => {
    const exp = wellRun();
    (exp.automod[0] as unknown as { actions: null }).actions = null;
    exp.server!.safety_alerts_channel_id = null; // makes missing_moderation_logs read the broken actions
    const result = runAudit(exp);
    const broken = result.checks.find((c) => c.id === 'missing_moderation_logs')!;
    expect(broken.outcome).toBe('error');
    expect(broken.message).toMatch(/crashed/);
    expect(result.checks.filter((c) => c.outcome === 'error')).toHaveLength(1);
    expect(result.score).toBe(100);
  });
});

describe('evidence', () => {
  it('never names members or shows invite codes', () => {
    const exp = wellRun();
    exp.members = [{ id: '100000000000000321', name: 'alice_secret', display_name: 'Alice', nick: null, roles: [], joined_at: null, bot: false, pending: false, premium_since: null, communication_disabled_until: null }];
    withInvite(exp, 0);
    exp.channels[6].permission_overwrites.push(...Array.from({ length: 12 }, () => overwrite('100000000000000321', ['ViewChannel'], [], 'member')));
    const text = JSON.stringify(runAudit(exp).findings);
    expect(text).not.toContain('alice');
    expect(text).not.toContain('100000000000000321');
    expect(text).not.toContain('SECRETCODE1');
  });

  it('stale channel evidence uses dates, so re-running tomorrow gives the same text', () => {
    const exp = base();
    exp.channels = [channel({ name: 'old', last_message_id: sf(200) })];
    const ev = judge(exp, 'stale_channels').finding.evidence[0];
    expect(ev.detail).toMatch(/^last message \d{4}-\d{2}-\d{2}$/);
  });
});
