import type { OpMatch } from './types.js';

export interface Pairing<S, L> {
  /** Source id -> the live entity it is, and how that was found. */
  matched: Map<string, { live: L; match: OpMatch }>;
  /** Source entities with no live counterpart (to create). */
  missing: S[];
  /** Live entities no source entity claimed (extra: deleted only with --prune). */
  extra: L[];
}

interface Entity {
  id: string;
  position: number;
}

/**
 * Pairs source with live entities: first by id (the same server), then, among what is left, by `key` (kind + name
 * + type + parent), ties broken by position order. Matching by name is what makes a restore into another server
 * work and a re-run after an interrupted apply find what the first run created instead of creating it twice.
 */
export function pair<S extends Entity, L extends Entity>(sources: S[], lives: L[], sourceKey: (s: S) => string | null, liveKey: (l: L) => string): Pairing<S, L> {
  const matched = new Map<string, { live: L; match: OpMatch }>();
  const liveById = new Map(lives.map((l) => [l.id, l]));
  const taken = new Set<string>();
  const left: S[] = [];
  for (const s of sources) {
    const live = liveById.get(s.id);
    if (live && !taken.has(live.id) && sourceKey(s) !== null) {
      matched.set(s.id, { live, match: 'id' });
      taken.add(live.id);
    } else left.push(s);
  }
  const byKey = new Map<string, L[]>();
  for (const l of [...lives].sort(byPosition)) {
    if (taken.has(l.id)) continue;
    const key = liveKey(l);
    byKey.set(key, [...(byKey.get(key) ?? []), l]);
  }
  const missing: S[] = [];
  for (const s of [...left].sort(byPosition)) {
    const key = sourceKey(s);
    const candidates = key === null ? undefined : byKey.get(key);
    const live = candidates?.shift();
    if (live) {
      matched.set(s.id, { live, match: 'name' });
      taken.add(live.id);
    } else missing.push(s);
  }
  return { matched, missing, extra: lives.filter((l) => !taken.has(l.id)) };
}

function byPosition(a: Entity, b: Entity): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
