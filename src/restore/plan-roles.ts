import type { APIRole } from 'discord-api-types/v10';
import { notCollected } from '../schema/coverage.js';
import type { ExportRole } from '../schema/types.js';
import { bitsOf, permissionNames, toBits } from '../discord/permissions.js';
import type { PlanContext } from './context.js';
import { bodyOf, changedFields } from './fields.js';
import { LIMITS } from './guards.js';
import { pair } from './match.js';
import { planRolePositions } from './plan-role-positions.js';
import { PHASE, type OpMatch } from './types.js';

/** A source role's permissions: its flag names win over the bit string (people hand-edit snapshot.json). */
export function sourcePermissions(role: Pick<ExportRole, 'permissions' | 'permission_names'>): bigint {
  return Array.isArray(role.permission_names) ? bitsOf(role.permission_names) : toBits(role.permissions);
}

/** Roles: @everyone's permissions, then every other role created or updated, extra ones deleted with --prune. */
export function planRoles(ctx: PlanContext): void {
  const exp = ctx.source.export;
  const why = notCollected(exp, 'roles');
  if (why !== null) {
    ctx.add({ action: 'skip', kind: 'role', name: 'all roles', id: ctx.sourceGuildId, match: 'new', reason: `roles were not collected in the source (${why}): live roles are left alone` }, PHASE.roles);
    return;
  }
  const liveGuild = ctx.live.guild.id;
  const everyone = exp.roles.find((r) => r.is_everyone || r.id === ctx.sourceGuildId);
  const liveEveryone = ctx.liveRole(liveGuild);
  if (everyone && liveEveryone) {
    ctx.exists('role', everyone.id, liveEveryone.id);
    updateRole(ctx, everyone, liveEveryone, everyone.id === liveGuild ? 'id' : 'name', true);
  }
  const others = exp.roles.filter((r) => r !== everyone);
  const { matched, extra } = pair(others, ctx.live.roles.filter((r) => r.id !== liveGuild), (s) => `role:${s.name}`, (l) => `role:${l.name}`);
  let count = ctx.live.roles.length;
  for (const role of [...others].sort((a, b) => b.position - a.position)) {
    const found = matched.get(role.id);
    if (found) {
      ctx.exists('role', role.id, found.live.id);
      updateRole(ctx, role, found.live, found.match, false);
    } else if (createRole(ctx, role, count)) count++;
  }
  planRolePositions(ctx, others);
  for (const live of extra) pruneRole(ctx, live);
}

function wantedOf(role: ExportRole, everyone: boolean) {
  return {
    ...(everyone ? {} : { name: role.name, color: role.color, hoist: role.hoist, mentionable: role.mentionable }),
    permissions: permissionNames(sourcePermissions(role)),
    ...(everyone ? {} : { unicode_emoji: (role as { unicode_emoji?: string | null }).unicode_emoji }),
  };
}

function currentOf(live: APIRole) {
  return {
    name: live.name, color: live.color, hoist: live.hoist, mentionable: live.mentionable,
    permissions: permissionNames(toBits(live.permissions)), unicode_emoji: live.unicode_emoji ?? null,
  };
}

/** The PATCH/POST body: permissions go as Discord's bit string. */
function roleBody(fields: Record<string, unknown>): Record<string, unknown> {
  const body = { ...fields };
  if (Array.isArray(body.permissions)) body.permissions = bitsOf(body.permissions as string[]).toString();
  return body;
}

function roleIconsAllowed(ctx: PlanContext): boolean {
  return (ctx.live.guild.features ?? []).includes('ROLE_ICONS' as never);
}

function updateRole(ctx: PlanContext, role: ExportRole, live: APIRole, match: OpMatch, everyone: boolean): void {
  const changes = changedFields(currentOf(live), wantedOf(role, everyone));
  if (changes.unicode_emoji && !roleIconsAllowed(ctx)) delete changes.unicode_emoji;
  if (live.managed) delete changes.permissions;
  if (Object.keys(changes).length === 0) return;
  const op = { action: 'update' as const, kind: 'role' as const, name: role.name, id: live.id, match, changes };
  const reason = ctx.guards.lacks('ManageRoles')
    ?? (everyone ? null : ctx.guards.outOfReach(live))
    ?? (changes.permissions ? ctx.guards.cannotGrant(sourcePermissions(role)) : null);
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, PHASE.roles);
    return;
  }
  const body = roleBody(bodyOf(changes));
  ctx.add(op, PHASE.roles, { run: (x) => x.write('PATCH', `/guilds/${x.guildId}/roles/${live.id}`, body).then(() => undefined) });
}

function createRole(ctx: PlanContext, role: ExportRole, count: number): boolean {
  const wanted = wantedOf(role, false);
  if (!roleIconsAllowed(ctx) || wanted.unicode_emoji === null) delete wanted.unicode_emoji;
  const changes = changedFields({}, wanted);
  const op = { action: 'create' as const, kind: 'role' as const, name: role.name, id: role.id, match: 'new' as const, changes };
  const reason = role.managed
    ? `Discord manages this role for ${role.bot_id ? `a bot (${role.bot_id})` : 'an integration'}: add that bot or integration to the server again and Discord recreates it`
    : ctx.guards.lacks('ManageRoles') ?? ctx.guards.cannotGrant(sourcePermissions(role))
      ?? (count >= LIMITS.roles ? `the server has Discord's maximum of ${LIMITS.roles} roles: delete roles it no longer needs (or use --prune), then run again` : null);
  if (reason) {
    ctx.unavailable('role', role.id, reason);
    ctx.add({ ...op, action: 'skip', reason }, PHASE.roles);
    return false;
  }
  ctx.willCreate('role', role.id);
  const body = roleBody(bodyOf(changes));
  ctx.add(op, PHASE.roles, {
    provides: `role:${role.id}`,
    run: async (x) => {
      const created = await x.write<{ id: string }>('POST', `/guilds/${x.guildId}/roles`, body);
      x.created('role', role.id, created.id);
    },
  });
  return true;
}

function pruneRole(ctx: PlanContext, live: APIRole): void {
  if (!ctx.options.prune) return;
  const op = { action: 'delete' as const, kind: 'role' as const, name: live.name, id: live.id, match: 'id' as const };
  const reason = live.managed
    ? 'Discord manages this role for a bot or integration: remove that bot or integration instead'
    : ctx.guards.lacks('ManageRoles') ?? ctx.guards.outOfReach(live);
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, PHASE.deletes);
    return;
  }
  ctx.add(op, PHASE.deletes, { run: (x) => x.write('DELETE', `/guilds/${x.guildId}/roles/${live.id}`).then(() => undefined) });
}
