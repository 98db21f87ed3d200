import { describe, expect, it } from 'vitest';
import type { APIGuild, APIRole } from 'discord-api-types/v10';
import { emptyExport } from '../../../src/schema/empty.js';
import type { ExportChannel, ExportRole, GuildExport } from '../../../src/schema/types.js';
import { planRestore } from '../../../src/restore/plan.js';
import { standing, type LiveChannel, type LiveState } from '../../../src/restore/live.js';
import type { Operation } from '../../../src/restore/types.js';
import { bitsOf } from '../../../src/discord/permissions.js';

const G = '100000000000000001';
const BOT = '900000000000000001';

function role(id: string, name: string, position: number, permissions: string[] = [], extra: Partial<ExportRole> = {}): ExportRole {
  return { id, name, color: 0, permissions: '0', permission_names: permissions, position, member_count: null, hoist: false, managed: false, mentionable: false, is_everyone: id === G, bot_id: null, integration_id: null, ...extra };
}

function channel(id: string, name: string, type: number, position: number, category: string | null = null, extra: Partial<ExportChannel> = {}): ExportChannel {
  return { id, name, type, type_name: type === 4 ? 'category' : 'text', category, position, topic: null, slowmode: 0, nsfw: false, permission_overwrites: [], last_message_id: null, bitrate: null, user_limit: null, rtc_region: null, default_auto_archive_duration: null, available_tags: null, ...extra };
}

function apiRole(r: ExportRole): APIRole {
  return { id: r.id, name: r.name, color: r.color, hoist: r.hoist, position: r.position, permissions: bitsOf(r.permission_names).toString(), managed: r.managed, mentionable: r.mentionable } as APIRole;
}

function source(roles: ExportRole[], channels: ExportChannel[]): GuildExport {
  const exp = emptyExport(G);
  exp.roles = roles;
  exp.channels = channels;
  return exp;
}

function live(roles: APIRole[], channels: LiveChannel[], botRoles: string[]): LiveState {
  const guild = { id: G, name: 'Live', owner_id: '1', features: [] } as unknown as APIGuild;
  return { guild, roles, channels, bot: standing(guild, roles, BOT, botRoles), automod: null, welcome: null, onboarding: null, members: null };
}

const everyone = role(G, '@everyone', 0, ['ViewChannel', 'SendMessages']);
const botRole = role('200000000000000009', 'Restorer', 10, ['Administrator']);
const mods = role('200000000000000002', 'Moderators', 5, ['KickMembers']);

function ops(exp: GuildExport, state: LiveState, prune = false): Operation[] {
  const plan = planRestore({ export: exp, file: 'export.json', sha: 'abc', snapshot: false, images: new Map() }, state, { prune, memberRoles: false });
  return plan.steps.map((s) => s.op);
}

describe('planRestore', () => {
  it('puts back a deleted role and its overwrite, and @everyone\'s permissions', () => {
    const general = channel('300000000000000001', 'general', 0, 0, null, {
      permission_overwrites: [{ id: mods.id, type: 'role', allow: '0', deny: '0', allow_names: ['ManageMessages'], deny_names: [] }],
    });
    const raided = { ...apiRole(everyone), permissions: '8' };
    const result = ops(source([everyone, mods, botRole], [general]), live([raided, apiRole(botRole)], [{ id: general.id, name: 'general', type: 0, position: 0, permission_overwrites: [] }], [botRole.id]));
    expect(result.find((o) => o.kind === 'role' && o.name === '@everyone')).toMatchObject({ action: 'update', changes: { permissions: { before: ['Administrator'], after: ['ViewChannel', 'SendMessages'] } } });
    expect(result.find((o) => o.kind === 'role' && o.name === 'Moderators')).toMatchObject({ action: 'create', match: 'new' });
    expect(result.find((o) => o.kind === 'overwrite')).toMatchObject({ action: 'create', name: 'general / @Moderators' });
  });

  it('matches by name in another server and plans nothing when they agree', () => {
    const other = { ...apiRole(mods), id: '700000000000000002', permissions: (1n << 1n).toString() };
    const result = ops(source([everyone, mods], []), live([apiRole(everyone), other, apiRole(botRole)], [], [botRole.id]));
    expect(result.filter((o) => o.action !== 'skip')).toEqual([]);
  });

  it('skips, with what to do, a role above the bot and what the bot cannot grant', () => {
    const weakBot = role('200000000000000009', 'Restorer', 3, ['ManageRoles', 'ManageChannels']);
    const liveMods = { ...apiRole(mods), name: 'Mods' };
    const admins = role('200000000000000003', 'Admins', 1, ['Administrator']);
    const result = ops(source([everyone, mods, admins], []), live([apiRole(everyone), liveMods, apiRole(weakBot)], [], [weakBot.id]));
    expect(result.find((o) => o.name === 'Moderators')).toMatchObject({ action: 'skip', reason: expect.stringContaining('move the bot\'s role (Restorer) above it') });
    expect(result.find((o) => o.name === 'Admins')).toMatchObject({ action: 'skip', reason: expect.stringContaining('Administrator') });
  });

  it('deletes extras only with --prune, and never a role above the bot', () => {
    const extra = { ...apiRole(role('200000000000000004', 'nuked', 2)) };
    const state = live([apiRole(everyone), extra, apiRole(botRole)], [{ id: '300000000000000009', name: 'spam', type: 0, position: 3 }], [botRole.id]);
    const exp = source([everyone, botRole], []);
    expect(ops(exp, state).filter((o) => o.action === 'delete')).toEqual([]);
    const pruned = ops(exp, state, true).filter((o) => o.action === 'delete');
    expect(pruned.map((o) => o.name).sort()).toEqual(['nuked', 'spam']);
  });

  it('skips member overwrites a snapshot replaced with a placeholder, naming why', () => {
    const ch = channel('300000000000000001', 'secret', 0, 0, null, {
      permission_overwrites: [{ id: 'member', type: 'member', allow: '1024', deny: '0', allow_names: ['ViewChannel'], deny_names: [] }],
    });
    const result = ops(source([everyone], [ch]), live([apiRole(everyone), apiRole(botRole)], [], [botRole.id]));
    expect(result.find((o) => o.kind === 'overwrite')).toMatchObject({ action: 'skip', reason: expect.stringContaining('export.json') });
    expect(result.find((o) => o.kind === 'channel')).toMatchObject({ action: 'create' });
  });

  it('leaves a section the source did not collect alone', () => {
    const exp = source([], []);
    exp.meta.collectors.channels = { status: 'failed', count: 0, duration_ms: 0 };
    const result = ops(exp, live([apiRole(everyone), apiRole(botRole)], [{ id: '300000000000000009', name: 'spam', type: 0, position: 3 }], [botRole.id]), true);
    expect(result.find((o) => o.kind === 'channel')).toMatchObject({ action: 'skip', reason: expect.stringContaining('not collected') });
    expect(result.some((o) => o.action === 'delete' && o.kind === 'channel')).toBe(false);
  });
});
