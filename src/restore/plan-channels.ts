import { notCollected } from '../schema/coverage.js';
import type { ExportChannel } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { CREATABLE_TYPES, COMMUNITY_TYPES, currentChannel, tagsBody, wantedChannel } from './channel-fields.js';
import { bodyOf, changedFields } from './fields.js';
import { LIMITS } from './guards.js';
import type { LiveState } from './live.js';
import { pair } from './match.js';
import { createOverwrites, planOverwrites } from './plan-overwrites.js';
import { planChannelPositions } from './plan-channel-positions.js';
import { PHASE, type FieldChange, type OpMatch } from './types.js';

type LiveChannel = LiveState['channels'][number];
const THREAD_TYPES = new Set([10, 11, 12]);

/** Categories, then the channels in them: created (with their overwrites) or updated; extra ones deleted with --prune. */
export function planChannels(ctx: PlanContext): void {
  const exp = ctx.source.export;
  const why = notCollected(exp, 'channels');
  if (why !== null) {
    ctx.add({ action: 'skip', kind: 'channel', name: 'all channels', id: ctx.sourceGuildId, match: 'new', reason: `channels were not collected in the source (${why}): live channels are left alone` }, PHASE.channels);
    return;
  }
  const live = ctx.live.channels.filter((c) => !THREAD_TYPES.has(c.type)).map((c) => ({ ...c, position: (c.position as number | undefined) ?? 0 }));
  const source = exp.channels.filter((c) => !THREAD_TYPES.has(c.type));
  const counts = { total: live.length, perParent: new Map<string, number>() };
  for (const c of live) if (c.parent_id) counts.perParent.set(c.parent_id as string, (counts.perParent.get(c.parent_id as string) ?? 0) + 1);

  const categories = pair(source.filter((c) => c.type === 4), live.filter((c) => c.type === 4), (s) => `4:${s.name}`, (l) => `4:${String(l.name)}`);
  for (const cat of source.filter((c) => c.type === 4).sort(byPosition)) plan(ctx, cat, categories.matched.get(cat.id), counts, PHASE.categories);
  const parentKey = (srcParent: string | null) => (srcParent === null ? 'none' : ctx.liveId('channel', srcParent) ?? `new:${srcParent}`);
  const children = source.filter((c) => c.type !== 4);
  const rest = pair(children, live.filter((c) => c.type !== 4), (s) => `${s.type}:${s.name}:${parentKey(s.category)}`, (l) => `${l.type}:${String(l.name)}:${(l.parent_id as string | null | undefined) ?? 'none'}`);
  for (const channel of children.sort(byPosition)) plan(ctx, channel, rest.matched.get(channel.id), counts, PHASE.channels);
  planChannelPositions(ctx, source);
  const extra = [...rest.extra, ...categories.extra];
  for (const channel of extra) pruneChannel(ctx, channel);
}

function plan(ctx: PlanContext, c: ExportChannel, found: { live: LiveChannel; match: OpMatch } | undefined, counts: { total: number; perParent: Map<string, number> }, phase: number): void {
  if (found) {
    ctx.exists('channel', c.id, found.live.id);
    updateChannel(ctx, c, found.live, found.match, phase);
    planOverwrites(ctx, c, found.live);
    return;
  }
  const parent = c.category;
  const liveParent = parent ? ctx.liveId('channel', parent) : null;
  const op = { action: 'create' as const, kind: 'channel' as const, name: c.name, id: c.id, match: 'new' as const, changes: createChanges(ctx, c) };
  const reason = !CREATABLE_TYPES.has(c.type)
    ? `Discord does not let a bot create a ${c.type_name} channel: create it by hand`
    : COMMUNITY_TYPES.has(c.type) && !(ctx.live.guild.features ?? []).includes('COMMUNITY' as never)
      ? `a ${c.type_name} channel needs a Community server: enable Community in Server Settings > Enable Community, then run again`
      : ctx.guards.lacks('ManageChannels')
        ?? (parent ? ctx.missing('channel', parent) : null)
        ?? (counts.total >= LIMITS.channels ? `the server has Discord's maximum of ${LIMITS.channels} channels: delete channels it no longer needs (or use --prune), then run again` : null)
        ?? (liveParent && (counts.perParent.get(liveParent) ?? 0) >= LIMITS.perCategory ? `the category already holds Discord's maximum of ${LIMITS.perCategory} channels: move some out, then run again` : null);
  if (reason) {
    ctx.unavailable('channel', c.id, reason);
    ctx.add({ ...op, action: 'skip', reason }, phase);
    return;
  }
  counts.total++;
  if (liveParent) counts.perParent.set(liveParent, (counts.perParent.get(liveParent) ?? 0) + 1);
  ctx.willCreate('channel', c.id);
  const overwrites = createOverwrites(ctx, c);
  if (overwrites.names.length > 0) op.changes.permission_overwrites = { before: null, after: overwrites.names };
  const wanted = wantedChannel(c);
  ctx.add(op, phase, {
    provides: `channel:${c.id}`,
    needs: [...(parent ? [`channel:${parent}`] : []), ...overwrites.needs],
    run: async (x) => {
      const body = { ...wanted, type: c.type, ...(parent ? { parent_id: x.id('channel', parent) } : {}), permission_overwrites: overwrites.body(x) };
      const created = await x.write<{ id: string }>('POST', `/guilds/${x.guildId}/channels`, body);
      x.created('channel', c.id, created.id);
    },
  });
}

function createChanges(ctx: PlanContext, c: ExportChannel): Record<string, FieldChange> {
  return changedFields({}, { type: c.type_name, ...wantedChannel(c), ...(c.category ? { parent: sourceName(ctx, c.category) } : {}) });
}

function sourceName(ctx: PlanContext, id: string | null): string | null {
  return id === null ? null : ctx.source.export.channels.find((c) => c.id === id)?.name ?? id;
}

function liveName(ctx: PlanContext, id: string | null): string | null {
  return id === null ? null : String(ctx.live.channels.find((c) => c.id === id)?.name ?? id);
}

function updateChannel(ctx: PlanContext, c: ExportChannel, live: LiveChannel, match: OpMatch, phase: number): void {
  const wanted = wantedChannel(c);
  const changes = changedFields(currentChannel(live), wanted);
  let typeReason: string | null = null;
  if (live.type !== c.type) {
    changes.type = { before: live.type, after: c.type };
    if (!((live.type === 0 && c.type === 5) || (live.type === 5 && c.type === 0))) typeReason = `Discord cannot turn a channel of type ${live.type} into type ${c.type}: delete it (or use --prune) so the restore recreates it`;
  }
  const parent = c.category;
  const liveParent = (live.parent_id as string | null | undefined) ?? null;
  const wantedParent = parent ? ctx.liveId('channel', parent) : null;
  const parentChanges = parent === null ? liveParent !== null : wantedParent !== liveParent;
  if (live.type !== 4 && parentChanges) changes.parent = { before: liveName(ctx, liveParent), after: sourceName(ctx, parent) };
  if (Object.keys(changes).length === 0) return;
  const op = { action: 'update' as const, kind: 'channel' as const, name: c.name, id: live.id, match, changes };
  const reason = ctx.guards.lacks('ManageChannels') ?? typeReason ?? (parent && changes.parent ? ctx.missing('channel', parent) : null);
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, phase);
    return;
  }
  const { parent: moved, ...fields } = changes;
  const body = bodyOf(fields);
  if (Array.isArray(body.available_tags)) body.available_tags = tagsBody(body.available_tags as never, live);
  ctx.add(op, phase, {
    needs: parent && moved ? [`channel:${parent}`] : [],
    run: async (x) => {
      if (moved) body.parent_id = parent ? x.id('channel', parent) : null;
      await x.write('PATCH', `/channels/${live.id}`, body);
    },
  });
}

function pruneChannel(ctx: PlanContext, live: LiveChannel): void {
  if (!ctx.options.prune) return;
  const op = { action: 'delete' as const, kind: 'channel' as const, name: String(live.name), id: live.id, match: 'id' as const };
  const reason = ctx.guards.lacks('ManageChannels');
  // Children before their category, so no channel is left pointing at a deleted parent.
  const phase = live.type === 4 ? PHASE.deletes + 0.5 : PHASE.deletes;
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, phase);
    return;
  }
  ctx.add(op, phase, { run: (x) => x.write('DELETE', `/channels/${live.id}`).then(() => undefined) });
}

function byPosition(a: ExportChannel, b: ExportChannel): number {
  return a.position - b.position || (a.id < b.id ? -1 : 1);
}
