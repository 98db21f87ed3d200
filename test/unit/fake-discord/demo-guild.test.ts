import { describe, expect, it } from 'vitest';
import { DEMO_GUILD_ID, DEMO_PLANTED_PROBLEMS, demoGuild } from '../../../src/fake-discord/index.js';
import { hasPermission } from '../../../src/discord/permissions.js';
import { snowflakeTime } from '../../../src/schema/snowflake.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const g = demoGuild(NOW);
const DAY = 86_400_000;
const admins = g.guild.roles.filter((r) => hasPermission(r.permissions, 'Administrator'));
const held = new Set(g.members.flatMap((m) => m.roles));
const textish = g.channels.filter((c) => c.type === 0);
const parentOf = (c: object) => (c as { parent_id?: string | null }).parent_id ?? null;

describe('demoGuild (Pixel Harbor)', () => {
  it('is a ~1,400 member community with 4-5 bots, deterministic for a given day', () => {
    expect(g.guild.id).toBe(DEMO_GUILD_ID);
    expect(g.guild.name).toBe('Pixel Harbor');
    expect(g.members.length).toBeGreaterThanOrEqual(1350);
    expect(g.members.length).toBeLessThanOrEqual(1450);
    expect(g.members.filter((m) => m.user.bot).length).toBeGreaterThanOrEqual(4);
    expect(demoGuild(NOW)).toEqual(g);
  });

  const planted: Record<string, () => void> = {
    verification_level_low: () => expect(g.guild.verification_level).toBe(1),
    mod_2fa_not_required: () => expect(g.guild.mfa_level).toBe(0),
    everyone_dangerous_permissions: () => expect(hasPermission(g.guild.roles.find((r) => r.id === g.guild.id)!.permissions, 'MentionEveryone')).toBe(true),
    too_many_admin_roles: () => expect(admins.filter((r) => !r.managed)).toHaveLength(4),
    bots_with_administrator: () => expect(admins.filter((r) => r.managed && r.tags?.bot_id)).toHaveLength(1),
    unused_roles: () => expect(g.guild.roles.filter((r) => r.id !== g.guild.id && !held.has(r.id)).map((r) => r.name)).toEqual(['Old Staff', 'Beta Tester', 'Legacy VIP']),
    uncategorized_channels: () => expect(g.channels.filter((c) => c.type !== 4 && !parentOf(c))).toHaveLength(3),
    empty_categories: () => expect(g.channels.filter((c) => c.type === 4 && !g.channels.some((x) => parentOf(x) === c.id)).map((c) => c.name)).toEqual(['Archive']),
    stale_channels: () => expect(textish.filter((c) => c.last_message_id && NOW.getTime() - snowflakeTime(c.last_message_id) > 120 * DAY)).toHaveLength(2),
    permanent_invites: () => expect(g.invites.filter((i) => i.max_age === 0 && i.max_uses === 0)).toHaveLength(2),
  };

  it('exports exactly the planted problem ids', () => {
    expect([...DEMO_PLANTED_PROBLEMS].sort()).toEqual(Object.keys(planted).sort());
  });
  for (const [id, check] of Object.entries(planted)) it(`plants ${id}`, check);

  it('is healthy elsewhere: content filter, notifications, rules, staff-only mod-log, safety channel, automod on', () => {
    expect(g.guild.explicit_content_filter).toBe(2);
    expect(g.guild.default_message_notifications).toBe(1);
    expect(g.guild.rules_channel_id).toBeTruthy();
    const modLog = g.channels.find((c) => c.name === 'mod-log')!;
    const everyone = modLog.permission_overwrites!.find((o) => o.id === g.guild.id)!;
    expect(hasPermission(everyone.deny, 'ViewChannel')).toBe(true);
    expect(g.channels.some((c) => c.id === g.guild.safety_alerts_channel_id)).toBe(true);
    expect(g.automodRules).toHaveLength(2);
    expect(g.automodRules.every((r) => r.enabled)).toBe(true);
    expect(g.welcomeScreen?.welcome_channels.length).toBeGreaterThan(0);
    expect(g.onboarding.enabled).toBe(true);
    expect(g.auditLog.filter((e) => e.action_type === 28)).toHaveLength(g.members.filter((m) => m.user.bot).length);
  });
});
