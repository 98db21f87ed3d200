import type { PlanContext } from './context.js';
import type { ExecContext } from './types.js';

type RefKind = 'role' | 'channel';

/** Source ids a setting names, sorted into those that will exist (now or once created) and those that cannot. */
export interface Refs {
  kind: RefKind;
  /** Source ids that will exist. */
  kept: string[];
  /** Source ids that cannot, each with why. */
  lost: { id: string; reason: string }[];
}

export function refsOf(ctx: PlanContext, kind: RefKind, ids: readonly unknown[] | undefined): Refs {
  const kept: string[] = [];
  const lost: { id: string; reason: string }[] = [];
  for (const id of Array.isArray(ids) ? ids : []) {
    if (typeof id !== 'string') continue;
    const reason = ctx.missing(kind, id);
    if (reason) lost.push({ id, reason });
    else kept.push(id);
  }
  return { kind, kept, lost };
}

/** What the plan shows for kept ids: the live id, or `new:<source id>` for what the apply creates first. */
export function shownIds(ctx: PlanContext, refs: Refs): string[] {
  return refs.kept.map((id) => ctx.liveId(refs.kind, id) ?? `new:${id}`).sort();
}

/** The executor's live ids for kept ids. */
export function liveIds(x: ExecContext, refs: Refs): string[] {
  return refs.kept.map((id) => x.id(refs.kind, id)).sort();
}

/** `needs` entries for the ids not yet live (a failed create then skips the dependant). */
export function needsOf(ctx: PlanContext, ...all: Refs[]): string[] {
  return [...new Set(all.flatMap((r) => r.kept.filter((id) => ctx.liveId(r.kind, id) === null).map((id) => `${r.kind}:${id}`)))];
}

/** A live emoji id for a source emoji: the same id, else the live emoji of the same name; null when neither exists. */
export function emojiId(ctx: PlanContext, sourceId: string | null | undefined): string | null {
  if (!sourceId) return null;
  const live = ctx.live.guild.emojis ?? [];
  if (live.some((e) => e.id === sourceId)) return sourceId;
  const name = ctx.source.export.emojis.find((e) => e.id === sourceId)?.name;
  return (name && live.find((e) => e.name === name)?.id) || null;
}
