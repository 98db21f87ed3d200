import type { APIRole } from 'discord-api-types/v10';
import type { ExportRole } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { PHASE, type ExecContext } from './types.js';

/** Discord's role order: by position, ties broken by id (the older role sits higher). */
export function compareRoles(a: Pick<APIRole, 'position' | 'id'>, b: Pick<APIRole, 'position' | 'id'>): number {
  return a.position - b.position || (BigInt(b.id) < BigInt(a.id) ? -1 : BigInt(b.id) > BigInt(a.id) ? 1 : 0);
}

/**
 * One bulk position call puts the roles below the bot in the source's order (created roles land just above
 * @everyone). Roles at or above the bot's highest role are left where they are: Discord would refuse to move them.
 */
export function planRolePositions(ctx: PlanContext, sourceRoles: ExportRole[]): void {
  const ordered = [...sourceRoles].sort((a, b) => a.position - b.position);
  let creates = 0;
  const movable: APIRole[] = [];
  for (const role of ordered) {
    if (ctx.missing('role', role.id) !== null) continue;
    const liveId = ctx.liveId('role', role.id);
    if (liveId === null) creates++;
    else {
      const live = ctx.liveRole(liveId);
      if (live && ctx.guards.outOfReach(live) === null) movable.push(live);
    }
  }
  const sorted = [...movable].sort(compareRoles);
  const outOfOrder = sorted.some((r, i) => r.id !== movable[i].id);
  if (creates === 0 && !outOfOrder) return;
  const reason = ctx.guards.lacks('ManageRoles');
  const op = {
    action: 'update' as const, kind: 'positions' as const, name: 'role order', id: ctx.live.guild.id, match: 'id' as const,
    changes: { order: { before: sorted.map((r) => r.name), after: ordered.filter((r) => ctx.missing('role', r.id) === null).map((r) => r.name) } },
  };
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, PHASE.rolePositions);
    return;
  }
  const botRoles = ctx.live.roles.filter((r) => r.position === ctx.live.bot.top).map((r) => r.id);
  ctx.add(op, PHASE.rolePositions, { run: (x) => sendRolePositions(x, ordered, botRoles, ctx.live.bot.owner) });
}

/**
 * Reads the roles again (creates moved every position) and sends the order: the source's roles bottom-up, then
 * nothing else moves but the roles the source does not have, kept just above @everyone in their order.
 */
async function sendRolePositions(x: ExecContext, ordered: ExportRole[], botRoles: string[], owner: boolean): Promise<void> {
  const roles = await x.read<APIRole[]>(`/guilds/${x.guildId}/roles`);
  const top = owner ? Infinity : Math.max(0, ...roles.filter((r) => botRoles.includes(r.id)).map((r) => r.position));
  const below = roles.filter((r) => r.id !== x.guildId && r.position < top).sort(compareRoles);
  const byId = new Map(below.map((r) => [r.id, r]));
  const wanted: string[] = [];
  for (const role of ordered) {
    const id = x.maybeId('role', role.id);
    if (id && byId.has(id)) wanted.push(id);
  }
  const others = below.filter((r) => !wanted.includes(r.id)).map((r) => r.id);
  const order = [...others, ...wanted];
  if (order.every((id, i) => below[i]?.id === id)) return;
  await x.write('PATCH', `/guilds/${x.guildId}/roles`, order.map((id, i) => ({ id, position: i + 1 })));
}
