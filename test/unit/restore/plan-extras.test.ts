import { describe, expect, it } from 'vitest';
import type { APIAutoModerationRule, APIGuild, APIGuildMember, APIGuildOnboarding, APIRole } from 'discord-api-types/v10';
import { emptyExport } from '../../../src/schema/empty.js';
import type { ExportAutomodRule, ExportRole, GuildExport } from '../../../src/schema/types.js';
import { planRestore } from '../../../src/restore/plan.js';
import { standing, type LiveState } from '../../../src/restore/live.js';
import type { Operation } from '../../../src/restore/types.js';

const G = '100000000000000001';
const BOT = '900000000000000001';

function role(id: string, name: string, position: number, extra: Partial<ExportRole> = {}): ExportRole {
  return { id, name, color: 0, permissions: '0', permission_names: [], position, member_count: null, hoist: false, managed: false, mentionable: false, is_everyone: id === G, bot_id: null, integration_id: null, ...extra };
}
const apiRole = (r: ExportRole): APIRole => ({ id: r.id, name: r.name, color: 0, hoist: false, position: r.position, permissions: r.id === botRole.id ? '8' : '0', managed: r.managed, mentionable: false } as APIRole);

const everyone = role(G, '@everyone', 0);
const botRole = role('200000000000000009', 'Restorer', 10);
const fans = role('200000000000000002', 'Fans', 2);
const old = role('200000000000000003', 'Old', 1);

function rule(id: string, name: string, trigger: string, extra: Partial<ExportAutomodRule> = {}): ExportAutomodRule {
  return { id, name, trigger, trigger_metadata: {}, actions: [{ type: 'block_message', metadata: {} }], enabled: true, event_type: 1, exempt_roles: [], exempt_channels: [], ...extra };
}

function source(edit: (exp: GuildExport) => void): GuildExport {
  const exp = emptyExport(G);
  exp.roles = [everyone, fans, old, botRole];
  edit(exp);
  return exp;
}

function live(edit: Partial<LiveState> = {}, features: string[] = ['COMMUNITY']): LiveState {
  const guild = { id: G, name: 'Live', owner_id: '1', features, emojis: [], stickers: [], premium_tier: 0 } as unknown as APIGuild;
  const roles = [everyone, fans, old, botRole].map(apiRole);
  return { guild, roles, channels: [], bot: standing(guild, roles, BOT, [botRole.id]), automod: [], welcome: null, onboarding: null, members: null, ...edit };
}

function ops(exp: GuildExport, state: LiveState, options = { prune: false, memberRoles: false }): Operation[] {
  return planRestore({ export: exp, file: 'export.json', sha: 'abc', snapshot: false, images: new Map() }, state, options).steps.map((s) => s.op);
}

describe('planRestore: AutoMod', () => {
  it('maps trigger and action names to Discord numbers, and skips a create over the per-trigger cap', () => {
    const exp = source((e) => { e.automod = [rule('300000000000000001', 'Spam', 'spam'), rule('300000000000000002', 'Links', 'keyword', { exempt_roles: [fans.id] })]; });
    const existing = { id: '400000000000000001', name: 'Other spam', trigger_type: 3, event_type: 1, actions: [{ type: 1 }], enabled: true, exempt_roles: [], exempt_channels: [], trigger_metadata: {} } as unknown as APIAutoModerationRule;
    const result = ops(exp, live({ automod: [existing] })).filter((o) => o.kind === 'automod');
    expect(result.find((o) => o.name === 'Spam')).toMatchObject({ action: 'skip', reason: expect.stringMatching(/Discord allows 1 spam rule per server and it has 1/) as unknown });
    expect(result.find((o) => o.name === 'Links')).toMatchObject({ action: 'create', changes: { actions: { after: [{ type: 1, metadata: {} }] }, exempt_roles: { after: [fans.id] } } });
    expect(result.find((o) => o.name === 'Other spam')).toMatchObject({ action: 'skip', reason: expect.stringContaining('--prune') as unknown });
  });

  it('skips every rule when the bot cannot read them', () => {
    const exp = source((e) => { e.automod = [rule('300000000000000001', 'Spam', 'spam')]; });
    expect(ops(exp, live({ automod: null })).filter((o) => o.kind === 'automod')).toMatchObject([{ action: 'skip', name: 'all AutoMod rules' }]);
  });
});

describe('planRestore: welcome screen and onboarding', () => {
  const onboarding = { enabled: true, mode: 0, default_channel_ids: [], prompts: [] };
  it('skips both on a server without Community, saying how to enable it', () => {
    const exp = source((e) => { e.welcome_screen = { description: 'Hi', channels: [] }; e.onboarding = onboarding; });
    const result = ops(exp, live({}, []));
    for (const kind of ['welcome-screen', 'onboarding']) {
      expect(result.find((o) => o.kind === kind)).toMatchObject({ action: 'skip', reason: expect.stringContaining('enable Community') as unknown });
    }
  });

  it('leaves prompts alone when the export keeps only their count (before 2.2.0)', () => {
    const exp = source((e) => { e.onboarding = { ...onboarding, prompts: [{ id: '500000000000000001', title: 'Q', type: 0, required: false, options: 3 }] }; });
    const liveOnboarding = { guild_id: G, enabled: false, mode: 0, default_channel_ids: [], prompts: [{ id: '1', title: 'Live', options: [] }] } as unknown as APIGuildOnboarding;
    const op = ops(exp, live({ onboarding: liveOnboarding })).find((o) => o.kind === 'onboarding');
    expect(op).toMatchObject({ action: 'update', changes: { enabled: { before: false, after: true } } });
    expect(op?.changes).not.toHaveProperty('prompts');
  });
});

describe('planRestore: --member-roles', () => {
  const member = (roles: string[]) => ({ id: '600000000000000001', name: 'ana', display_name: null, nick: null, roles, joined_at: null, bot: false, pending: false, premium_since: null, communication_disabled_until: null });
  const exp = source((e) => { e.meta.scope.members = 'full'; e.members = [member([fans.id, botRole.id])]; });
  const state = live({ members: [{ user: { id: '600000000000000001' }, roles: [old.id] } as unknown as APIGuildMember] });

  it('grants what the source says, skips roles at or above the bot, and removes only with --prune', () => {
    const plain = ops(exp, state, { prune: false, memberRoles: true }).filter((o) => o.kind === 'member-roles');
    expect(plain).toMatchObject([
      { action: 'skip', reason: expect.stringContaining("at or above the bot's highest role") as unknown },
      { action: 'update', changes: { roles: { after: ['+@Fans'] } } },
    ]);
    const pruned = ops(exp, state, { prune: true, memberRoles: true }).filter((o) => o.kind === 'member-roles' && o.action === 'delete');
    expect(pruned).toMatchObject([{ changes: { roles: { after: ['-@Old'] } } }]);
  });
});
