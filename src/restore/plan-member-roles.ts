import type { APIGuildMember } from 'discord-api-types/v10';
import { notCollected } from '../schema/coverage.js';
import type { ExportMember } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { PHASE } from './types.js';

/**
 * --member-roles: each member still in the server gets back the roles the source says they held (one PUT each);
 * with --prune, roles the source knows and says they did not hold are taken away. Nothing else is touched.
 */
export function planMemberRoles(ctx: PlanContext): void {
  if (!ctx.options.memberRoles) return;
  const exp = ctx.source.export;
  const why = notCollected(exp, 'members');
  const skipAll = (reason: string) => ctx.add({ action: 'skip', kind: 'member-roles', name: 'all members', id: ctx.live.guild.id, match: 'new', reason }, PHASE.memberRoles);
  if (why !== null || exp.meta.scope?.members !== 'full') return void skipAll(`the source holds no member list (${why ?? 'members were not collected in full'}): export with --members full`);
  if (ctx.live.members === null) return void skipAll('the live member list could not be read: give the bot the Server Members intent, then run again');
  const live = new Map(ctx.live.members.filter((m) => m.user?.id).map((m) => [m.user.id, m]));
  // Live role id -> source role id, for the roles the source knows (only those are ever taken away).
  const known = new Map<string, string>();
  for (const [key, liveId] of ctx.ids) if (key.startsWith('role:')) known.set(liveId, key.slice(5));
  const lacks = ctx.guards.lacks('ManageRoles');
  for (const member of Array.isArray(exp.members) ? exp.members : []) {
    const now = live.get(member.id);
    if (now) planMember(ctx, member, now, known, lacks);
  }
}

function planMember(ctx: PlanContext, member: ExportMember, now: APIGuildMember, known: Map<string, string>, lacks: string | null): void {
  const held = new Set(now.roles ?? []);
  const sourceRoles = new Set((member.roles ?? []).filter((id) => id !== ctx.sourceGuildId));
  const name = member.name || member.id;
  const grants: string[] = [];
  const skips: string[] = [];
  for (const sourceId of sourceRoles) {
    const liveId = ctx.liveId('role', sourceId);
    if (liveId && held.has(liveId)) continue;
    const role = liveId ? ctx.liveRole(liveId) : undefined;
    const source = ctx.source.export.roles.find((r) => r.id === sourceId);
    const label = `@${(role?.name ?? source?.name ?? sourceId).replace(/^@/, '')}`;
    const reason = ctx.missing('role', sourceId) ?? (role?.managed || source?.managed ? 'Discord gives this role itself (bot or integration role)' : null)
      ?? lacks ?? (role ? ctx.guards.outOfReach(role) : null);
    if (reason) skips.push(`${label}: ${reason}`);
    else grants.push(sourceId);
  }
  const removals = ctx.options.prune
    ? [...held].filter((liveId) => known.has(liveId) && !sourceRoles.has(known.get(liveId)!) && liveId !== ctx.live.guild.id)
      .filter((liveId) => { const r = ctx.liveRole(liveId); return r && !r.managed && !lacks && !ctx.guards.outOfReach(r); })
    : [];
  const roleName = (id: string) => `@${(ctx.liveRole(ctx.liveId('role', id) ?? '')?.name ?? ctx.source.export.roles.find((r) => r.id === id)?.name ?? id).replace(/^@/, '')}`;
  if (skips.length) ctx.add({ action: 'skip', kind: 'member-roles', name, id: member.id, match: 'id', reason: skips.join('; ') }, PHASE.memberRoles);
  if (grants.length) {
    ctx.add({ action: 'update', kind: 'member-roles', name, id: member.id, match: 'id', changes: { roles: { before: null, after: grants.map(roleName).map((n) => `+${n}`) } } }, PHASE.memberRoles, {
      needs: grants.filter((id) => ctx.liveId('role', id) === null).map((id) => `role:${id}`),
      writes: grants.length,
      run: async (x) => {
        for (const id of grants) await x.write('PUT', `/guilds/${x.guildId}/members/${member.id}/roles/${x.id('role', id)}`);
      },
    });
  }
  if (removals.length) {
    const names = removals.map((id) => `-@${(ctx.liveRole(id)?.name ?? id).replace(/^@/, '')}`);
    ctx.add({ action: 'delete', kind: 'member-roles', name, id: member.id, match: 'id', changes: { roles: { before: null, after: names } } }, PHASE.deletes, {
      writes: removals.length,
      run: async (x) => {
        for (const id of removals) await x.write('DELETE', `/guilds/${x.guildId}/members/${member.id}/roles/${id}`);
      },
    });
  }
}
