import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runAudit, scoreChecks, sizeFactor } from '../../../src/audit/index.js';
import type { CheckOutcomeRecord, GuildExport } from '../../../src/schema/types.js';
import { base, channel, everyoneRole, EVERYONE_SAFE, GUILD, overwrite, role, sf, tinyDefault, wellRun } from './fixtures.js';

const CORE_CHECK_IDS = ['verification_level_low', 'explicit_content_filter_disabled', 'mod_2fa_not_required', 'no_automod_rules',
  'missing_moderation_logs', 'missing_rules_channel', 'default_notifications_all_messages', 'everyone_dangerous_permissions',
  'too_many_admin_roles', 'bots_with_administrator', 'unused_roles', 'uncategorized_channels', 'empty_categories', 'stale_channels',
  'permanent_invites'];

const perms = fc.subarray(['Administrator', 'ManageGuild', 'KickMembers', 'MentionEveryone', 'SendMessages', 'ManageMessages']);
const shape = fc.record({
  server: fc.record({ verification_level: fc.integer({ min: 0, max: 4 }), explicit_content_filter: fc.integer({ min: 0, max: 2 }),
    mfa_level: fc.integer({ min: 0, max: 1 }), default_message_notifications: fc.integer({ min: 0, max: 1 }),
    member_count: fc.integer({ min: 1, max: 200_000 }), online: fc.double({ min: 0, max: 1, noNaN: true }), rules: fc.boolean() }),
  everyone: perms,
  roles: fc.array(fc.record({ name: fc.constantFrom('A', 'B', 'a', 'Staff', 'Mods', 'Colours'), perms, members: fc.integer({ min: 0, max: 3 }) }), { maxLength: 8 }),
  channels: fc.array(fc.record({ kind: fc.constantFrom('text', 'voice', 'category'), parent: fc.integer({ min: -1, max: 5 }), days: fc.integer({ min: 0, max: 400 }),
    name: fc.constantFrom('general', 'mod-log', 'rules', 'memes', 'staff'), everyoneAllow: fc.subarray(['ManageMessages', 'MentionEveryone', 'SendMessages']),
    hideFromEveryone: fc.boolean(), memberOverwrites: fc.integer({ min: 0, max: 6 }) }), { maxLength: 12 }),
  invites: fc.array(fc.boolean(), { maxLength: 4 }),
  automod: fc.array(fc.boolean(), { maxLength: 3 }),
  bots: fc.array(fc.boolean(), { maxLength: 3 }),
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

/** Builds an export from a generated shape; ids derive from positions so the same shape gives the same export. */
function build(s: Shape): GuildExport {
  const exp = base({ ...s.server, presence_count: Math.floor(s.server.online * s.server.member_count) });
  exp.roles = [everyoneRole([...EVERYONE_SAFE.filter((p) => p !== 'SendMessages'), ...s.everyone], s.server.member_count),
    ...s.roles.map((r, i) => role({ id: `2000000000000000${10 + i}`, name: r.name, position: i + 1, member_count: r.members }, r.perms))];
  const ids = s.channels.map((_, i) => `3000000000000000${10 + i}`);
  exp.channels = s.channels.map((c, i) => {
    const parentIndex = c.parent >= 0 && c.parent < s.channels.length && s.channels[c.parent].kind === 'category' && c.kind !== 'category' ? c.parent : -1;
    const ows = [overwrite(GUILD, c.everyoneAllow, c.hideFromEveryone ? ['ViewChannel'] : []),
      ...Array.from({ length: c.memberOverwrites }, (_, k) => overwrite(`40000000000000${1000 + i * 10 + k}`, ['ViewChannel'], [], 'member'))];
    return channel({ id: ids[i], name: c.name, type_name: c.kind as 'text', position: i, category: parentIndex >= 0 ? ids[parentIndex] : null,
      last_message_id: c.kind === 'text' ? sf(c.days) : null, permission_overwrites: ows });
  });
  if (s.server.rules) exp.server!.rules_channel_id = ids[0] ?? null;
  exp.invites = s.invites.map((permanent, i) => ({ code: `code${i}`, uses: i, max_uses: 0, max_age: permanent ? 0 : 3600, temporary: false, created_by: null,
    channel: ids[0] ?? null, created_at: null, expires_at: permanent ? null : '2026-06-02T00:00:00.000Z' }));
  exp.automod = s.automod.map((enabled, i) => ({ id: `50000000000000${1000 + i}`, name: `rule ${i}`, trigger: 'spam', trigger_metadata: {}, actions: [], enabled, event_type: 1, exempt_roles: [], exempt_channels: [] }));
  exp.bots = s.bots.map((admin, i) => {
    const r = role({ id: `6000000000000000${10 + i}`, name: `Bot ${i}`, managed: true, bot_id: `7000000000000000${10 + i}`, position: 50 + i }, admin ? ['Administrator'] : []);
    exp.roles.push(r);
    return { id: r.bot_id!, name: `Bot ${i}`, permissions: r.permissions, permission_names: [...r.permission_names], roles: [r.id], managed_role: r.id, added_by: null, added_at: null };
  });
  return exp;
}

/** Fixes that remove one kind of failing finding without touching what other checks read. */
const FIXES: Record<string, (e: GuildExport) => void> = {
  verification: (e) => { e.server!.verification_level = 4; },
  filter: (e) => { e.server!.explicit_content_filter = 2; },
  mfa: (e) => { e.server!.mfa_level = 1; },
  notifications: (e) => { e.server!.default_message_notifications = 1; },
  everyone: (e) => { const r = e.roles[0]; r.permission_names = r.permission_names.filter((p) => !['Administrator', 'ManageGuild', 'KickMembers', 'MentionEveryone', 'ManageMessages'].includes(p)); },
  admins: (e) => { e.roles.filter((r) => !r.managed && r.permission_names.includes('Administrator')).slice(2).forEach((r) => { r.permission_names = ['ManageGuild']; }); },
  bots: (e) => { e.bots.forEach((b) => { b.permission_names = []; }); e.roles.filter((r) => r.managed).forEach((r) => { r.permission_names = []; }); },
  unused: (e) => { e.roles.forEach((r) => { if (r.member_count === 0) r.member_count = 1; }); },
  stale: (e) => { e.channels.forEach((c) => { if (c.type_name === 'text') c.last_message_id = sf(0); }); },
  invites: (e) => { e.invites = e.invites.filter((i) => i.max_age !== 0); },
  automod: (e) => { e.automod.forEach((r) => { r.enabled = true; }); },
  emptyCategories: (e) => { const used = new Set(e.channels.map((c) => c.category)); e.channels = e.channels.filter((c) => c.type_name !== 'category' || used.has(c.id)); },
  memberOverwrites: (e) => { e.channels.forEach((c) => { c.permission_overwrites = c.permission_overwrites.filter((o) => o.type !== 'member'); }); },
  everyoneOverwrites: (e) => { e.channels.forEach((c) => c.permission_overwrites.forEach((o) => { o.allow_names = o.allow_names.filter((p) => p === 'SendMessages'); })); },
  duplicates: (e) => { e.roles.forEach((r, i) => { if (!r.is_everyone) r.name = `${r.name} ${i}`; }); },
};

describe('score properties', () => {
  it('is always within 0..100', () => {
    fc.assert(fc.property(shape, (s) => {
      const score = runAudit(build(s)).score;
      expect(score === null || (score >= 0 && score <= 100 && Number.isInteger(score))).toBe(true);
    }), { numRuns: 150 });
  });

  it('never drops when a failing finding is fixed', () => {
    fc.assert(fc.property(shape, fc.constantFrom(...Object.keys(FIXES)), (s, fix) => {
      const before = runAudit(build(s)).score ?? 0;
      const exp = build(s);
      FIXES[fix](exp);
      expect(runAudit(exp).score ?? 0).toBeGreaterThanOrEqual(before);
    }), { numRuns: 200 });
  });

  it('never drops when any single check scores better (weighted mean is monotone)', () => {
    const record = fc.record({ weight: fc.double({ min: 0, max: 10, noNaN: true }), score: fc.double({ min: 0, max: 1, noNaN: true }),
      outcome: fc.constantFrom('pass', 'fail', 'not_applicable', 'error') });
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 25 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (rs, pick, gain) => {
      const recs = rs.map((r, i) => ({ id: `c${i}`, title: '', category: '', severity: 'low', message: '', ...r, score: r.outcome === 'pass' || r.outcome === 'fail' ? r.score : null }) as CheckOutcomeRecord);
      const before = scoreChecks(recs) ?? 0;
      const i = pick % recs.length;
      if (recs[i].score !== null) recs[i] = { ...recs[i], score: Math.min(1, recs[i].score! + gain) };
      expect(scoreChecks(recs) ?? 0).toBeGreaterThanOrEqual(before);
    }), { numRuns: 300 });
  });

  it('does not depend on the order of arrays in the export', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 7 }), (s, rotate) => {
      const a = runAudit(build(s));
      const exp = build(s);
      const shuffle = <T>(xs: T[]): T[] => { const r = [...xs].reverse(); return [...r.slice(rotate % (r.length || 1)), ...r.slice(0, rotate % (r.length || 1))]; };
      exp.roles = shuffle(exp.roles);
      exp.channels = shuffle(exp.channels).map((c) => ({ ...c, permission_overwrites: shuffle(c.permission_overwrites) }));
      exp.invites = shuffle(exp.invites);
      exp.automod = shuffle(exp.automod);
      exp.bots = shuffle(exp.bots);
      const b = runAudit(exp);
      expect(b.score).toBe(a.score);
      expect(b.issues_found).toEqual(a.issues_found);
      expect(JSON.stringify(b.findings)).toBe(JSON.stringify(a.findings));
    }), { numRuns: 100 });
  });
});

describe('calibration', () => {
  it('a well-run community scores 85 or more with none of the core checks failing', () => {
    const result = runAudit(wellRun());
    expect(result.score).toBeGreaterThanOrEqual(85);
    expect(result.issues_found.filter((id) => CORE_CHECK_IDS.includes(id))).toEqual([]);
  });

  it('a tiny default server (12 members, 1 text + 1 voice, defaults) scores 69: flagged but not crushed', () => {
    const result = runAudit(tinyDefault());
    // 8 failures are reported, but the six size-scaled ones (verification, 2FA, AutoMod, mod logs, rules, notifications)
    // weigh a quarter under 50 members. What costs real points: @everyone may ping everyone (critical, half score)
    // and the explicit media filter is off (medium, unscaled: it is free to turn on at any size).
    // Weights: 42.5 passing + 10 (@everyone, a failing half share: 0.25) + 5 (filter, 0) + 7.5 (six scaled failures,
    // a quarter of 30) = 65; earned 42.5 + 2.5 = 45; 100 x 45 / 65 = 69.2 -> 69.
    expect(result.score).toBe(69);
    expect(result.issues_found).toEqual(['default_notifications_all_messages', 'everyone_dangerous_permissions', 'explicit_content_filter_disabled',
      'missing_moderation_logs', 'missing_rules_channel', 'mod_2fa_not_required', 'no_automod_rules', 'verification_level_low']);
  });

  it('the same defaults on a 5,000-member server score much lower', () => {
    const exp = tinyDefault();
    exp.server!.member_count = 5000;
    expect(runAudit(exp).score!).toBeLessThan(60);
  });

  it('scales moderation-infrastructure weights by member count', () => {
    expect([10, 100, 500, 5000, 0].map(sizeFactor)).toEqual([0.25, 0.5, 0.75, 1, 1]);
  });

  it('a guild shaped like the demo (its planted problems) scores low and flags each of them', () => {
    const exp = base({ member_count: 150, verification_level: 1, mfa_level: 0, explicit_content_filter: 2, default_message_notifications: 1 });
    exp.roles[0].permission_names.push('ManageMessages', 'MentionEveryone');
    exp.roles.push(...[1, 2, 3, 4].map((i) => role({ name: `Admin ${i}`, position: 10 + i, member_count: 1 }, ['Administrator'])));
    exp.roles.push(role({ name: 'Old event', position: 2, member_count: 0 }));
    const botRole = role({ name: 'MusicBot', managed: true, bot_id: '100000000000000888', position: 20 }, ['Administrator']);
    exp.roles.push(botRole);
    exp.bots = [{ id: '100000000000000888', name: 'MusicBot', permissions: botRole.permissions, permission_names: ['Administrator'], roles: [botRole.id], managed_role: botRole.id, added_by: null, added_at: null }];
    const cat = channel({ name: 'Community', type_name: 'category' });
    const staff = channel({ name: 'Staff', type_name: 'category', permission_overwrites: [overwrite(GUILD, [], ['ViewChannel'])] });
    const modLog = channel({ name: 'mod-log', category: staff.id, permission_overwrites: [overwrite(GUILD, [], ['ViewChannel'])] });
    const rules = channel({ name: 'rules', category: cat.id });
    exp.channels = [cat, staff, modLog, rules, channel({ name: 'general', category: cat.id }), channel({ name: 'off-topic' }),
      channel({ name: 'Empty', type_name: 'category' }), channel({ name: 'old-news', category: cat.id, last_message_id: sf(200) })];
    exp.server!.rules_channel_id = rules.id;
    exp.server!.safety_alerts_channel_id = modLog.id;
    exp.automod = [1, 2].map((i) => ({ id: sf(), name: `rule ${i}`, trigger: 'spam', trigger_metadata: {}, actions: [], enabled: true, event_type: 1, exempt_roles: [], exempt_channels: [] }));
    exp.invites = [{ code: 'perm', uses: 1, max_uses: 0, max_age: 0, temporary: false, created_by: null, channel: rules.id, created_at: null, expires_at: null }];
    const result = runAudit(exp);
    expect(result.score!).toBeLessThan(50);
    for (const id of ['verification_level_low', 'mod_2fa_not_required', 'everyone_dangerous_permissions', 'too_many_admin_roles', 'bots_with_administrator',
      'unused_roles', 'uncategorized_channels', 'empty_categories', 'stale_channels', 'permanent_invites']) expect(result.issues_found).toContain(id);
    for (const id of ['explicit_content_filter_disabled', 'default_notifications_all_messages', 'missing_rules_channel', 'missing_moderation_logs', 'no_automod_rules']) {
      expect(result.issues_found).not.toContain(id);
    }
  });
});

describe('finite scores', () => {
  it('leaves out weights and scores that are not finite numbers, so the score is never NaN or Infinity', () => {
    const rec = (weight: number, score: number) => ({ id: 'x', title: 'x', category: 'roles', severity: 'low' as const, weight, outcome: 'pass' as const, score, message: '' });
    expect(scoreChecks([rec(Infinity, 1), rec(5, 0.5)])).toBe(50);
    expect(scoreChecks([rec(5, NaN), rec(5, 1)])).toBe(100);
    expect(scoreChecks([rec(Number.MAX_VALUE, 1), rec(Number.MAX_VALUE, 0)])).toBeNull();
  });
});
