import { bitsOf, permissionNames, toBits } from '../discord/permissions.js';
import type { ExportChannel, ExportOverwrite } from '../schema/types.js';
import { isSnowflake } from '../schema/snowflake.js';
import { MEMBER_PLACEHOLDER } from '../writers/privacy.js';
import type { PlanContext } from './context.js';
import type { LiveState } from './live.js';
import { NOT_IN_SOURCE, PHASE, type ExecContext } from './types.js';

type Target = { kind: 'role'; sourceId: string } | { kind: 'member'; id: string };

/** An overwrite's bits: its flag names win over the bit strings, as for roles. */
function bits(o: ExportOverwrite): { allow: bigint; deny: bigint } {
  return {
    allow: Array.isArray(o.allow_names) ? bitsOf(o.allow_names) : toBits(o.allow),
    deny: Array.isArray(o.deny_names) ? bitsOf(o.deny_names) : toBits(o.deny),
  };
}

/** Who the overwrite is for, or why it cannot be restored. */
function targetOf(ctx: PlanContext, o: ExportOverwrite): Target | string {
  if (o.type === 'member') {
    if (o.id === MEMBER_PLACEHOLDER || !isSnowflake(o.id)) {
      return 'the source keeps no member ids (snapshot.json replaces them): restore from export.json to bring back member overwrites';
    }
    return { kind: 'member', id: o.id };
  }
  return ctx.missing('role', o.id) ?? { kind: 'role', sourceId: o.id };
}

function targetName(ctx: PlanContext, o: ExportOverwrite): string {
  if (o.type === 'member') return `member ${o.id}`;
  const role = ctx.source.export.roles.find((r) => r.id === o.id);
  return role ? `@${role.name.replace(/^@/, '')}` : `role ${o.id}`;
}

function resolve(x: ExecContext, t: Target): string {
  return t.kind === 'member' ? t.id : x.id('role', t.sourceId);
}

/** Overwrites sent with a channel's create; those Discord would refuse (or that name nothing restorable) become skips. */
export function createOverwrites(ctx: PlanContext, c: ExportChannel): { needs: string[]; names: string[]; body: (x: ExecContext) => unknown[] } {
  const kept: { target: Target; allow: bigint; deny: bigint; type: number }[] = [];
  for (const o of c.permission_overwrites ?? []) {
    const t = targetOf(ctx, o);
    const b = bits(o);
    const reason = typeof t === 'string' ? t : ctx.guards.lacks('ManageRoles') ?? ctx.guards.cannotSetOverwrite(b.allow, b.deny);
    if (typeof t === 'string' || reason !== null) {
      skip(ctx, c, c.id, o, reason ?? 'it cannot be restored');
      continue;
    }
    kept.push({ target: t, ...b, type: o.type === 'member' ? 1 : 0 });
  }
  return {
    needs: kept.flatMap((k) => (k.target.kind === 'role' ? [`role:${k.target.sourceId}`] : [])),
    names: c.permission_overwrites.filter((o) => kept.some((k) => (k.target.kind === 'role' ? k.target.sourceId : k.target.id) === o.id)).map((o) => targetName(ctx, o)),
    body: (x) => kept.map((k) => ({ id: resolve(x, k.target), type: k.type, allow: k.allow.toString(), deny: k.deny.toString() })),
  };
}

/** A live channel's overwrites made equal to the source's: one PUT per missing or different one; extras deleted with --prune. */
export function planOverwrites(ctx: PlanContext, c: ExportChannel, live: LiveState['channels'][number]): void {
  const current = new Map(((live.permission_overwrites ?? []) as { id: string; type?: number | string; allow: string; deny: string }[]).map((o) => [o.id, o]));
  const claimed = new Set<string>();
  // A source without member ids (snapshot.json) cannot tell one member overwrite from another: the channel's live
  // member overwrites are left as they are (never changed or pruned), and only a shortfall is a skip.
  const liveMembers = [...current.values()].filter((o) => o.type === 1 || o.type === 'member').map((o) => o.id);
  let unnamed = 0;
  for (const o of c.permission_overwrites ?? []) {
    const t = targetOf(ctx, o);
    if (typeof t === 'string') {
      if (o.type === 'member' && unnamed < liveMembers.length) {
        claimed.add(liveMembers[unnamed++]);
        continue;
      }
      skip(ctx, c, live.id, o, t);
      continue;
    }
    const liveTarget = t.kind === 'member' ? t.id : ctx.liveId('role', t.sourceId);
    const b = bits(o);
    const existing = liveTarget ? current.get(liveTarget) : undefined;
    if (liveTarget) claimed.add(liveTarget);
    if (existing && toBits(existing.allow) === b.allow && toBits(existing.deny) === b.deny) continue;
    const changes = {
      allow: { before: existing ? permissionNames(existing.allow) : null, after: permissionNames(b.allow) },
      deny: { before: existing ? permissionNames(existing.deny) : null, after: permissionNames(b.deny) },
    };
    const op = { action: existing ? 'update' as const : 'create' as const, kind: 'overwrite' as const, name: `${c.name} / ${targetName(ctx, o)}`, id: live.id, match: existing ? 'id' as const : 'new' as const, changes };
    const reason = ctx.guards.lacks('ManageRoles') ?? ctx.guards.cannotSetOverwrite(b.allow, b.deny);
    if (reason) {
      ctx.add({ ...op, action: 'skip', reason }, PHASE.overwrites);
      continue;
    }
    const type = o.type === 'member' ? 1 : 0;
    ctx.add(op, PHASE.overwrites, {
      needs: t.kind === 'role' ? [`role:${t.sourceId}`] : [],
      run: (x) => x.write('PUT', `/channels/${live.id}/permissions/${resolve(x, t)}`, { type, allow: b.allow.toString(), deny: b.deny.toString() }).then(() => undefined),
    });
  }
  const memberIdsUnknown = (c.permission_overwrites ?? []).some((o) => o.type === 'member' && typeof targetOf(ctx, o) === 'string');
  for (const [id, o] of current) {
    if (claimed.has(id) || (memberIdsUnknown && liveMembers.includes(id))) continue;
    const role = ctx.liveRole(id);
    const op = { action: 'delete' as const, kind: 'overwrite' as const, name: `${String(live.name)} / ${role ? `@${role.name.replace(/^@/, '')}` : `member ${id}`}`, id: live.id, match: 'id' as const, changes: { allow: { before: permissionNames(o.allow), after: null }, deny: { before: permissionNames(o.deny), after: null } } };
    const reason = !ctx.options.prune ? NOT_IN_SOURCE : ctx.guards.lacks('ManageRoles');
    if (reason) ctx.add({ ...op, action: 'skip', reason }, PHASE.deletes);
    else ctx.add(op, PHASE.deletes, { run: (x) => x.write('DELETE', `/channels/${live.id}/permissions/${id}`).then(() => undefined) });
  }
}

function skip(ctx: PlanContext, c: ExportChannel, id: string, o: ExportOverwrite, reason: string): void {
  ctx.add({ action: 'skip', kind: 'overwrite', name: `${c.name} / ${targetName(ctx, o)}`, id, match: 'new', reason }, PHASE.overwrites);
}
