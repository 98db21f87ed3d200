import type { DiffChange, DiffSeverity } from './types.js';
import { change, show, stableJson } from './util.js';
import { compareIds } from '../schema/order.js';

/** How to compare one kind of entity that is matched by id. */
export interface EntitySpec<T> {
  entity: string;
  /** Display name of an item (also what a rename compares). */
  name(item: T): string;
  /** Fields whose change is reported as `changed`, each with a label; `display` renders a compared value (for example an id as a channel name); compared raw either way. */
  fields: [label: string, get: (item: T) => unknown, display?: (value: unknown) => string][];
  added: (item: T) => { severity: DiffSeverity; escalation?: boolean; details?: string[] };
  removed: DiffSeverity;
  changed?: DiffSeverity;
  renamed?: DiffSeverity;
}

/** Pairs items of two lists by id: the ones only before, only after, and in both (each sorted by id). */
export function matchById<T extends { id: string }>(before: T[], after: T[]):
  { removed: T[]; added: T[]; common: [T, T][] } {
  const beforeMap = new Map(before.map((x) => [x.id, x]));
  const afterMap = new Map(after.map((x) => [x.id, x]));
  const byId = (a: T, b: T): number => compareIds(a.id, b.id);
  const removed = before.filter((x) => !afterMap.has(x.id)).sort(byId);
  const added = after.filter((x) => !beforeMap.has(x.id)).sort(byId);
  const common = after
    .filter((x) => beforeMap.has(x.id))
    .sort(byId)
    .map((x) => [beforeMap.get(x.id)!, x] as [T, T]);
  return { removed, added, common };
}

/** Added, removed, renamed and changed items of one entity kind. */
export function diffById<T extends { id: string }>(before: T[], after: T[], spec: EntitySpec<T>): DiffChange[] {
  const out: DiffChange[] = [];
  const { removed, added, common } = matchById(before, after);
  for (const item of added) {
    const a = spec.added(item);
    out.push(change('added', a.severity, spec.entity, item.id, spec.name(item), 'added', a));
  }
  for (const item of removed) {
    out.push(change('removed', spec.removed, spec.entity, item.id, spec.name(item), 'removed'));
  }
  for (const [b, a] of common) {
    if (spec.name(b) !== spec.name(a)) {
      out.push(change('renamed', spec.renamed ?? 'info', spec.entity, a.id, spec.name(a),
        `renamed from "${spec.name(b)}" to "${spec.name(a)}"`));
    }
    const differing = spec.fields.filter(([, get]) => stableJson(get(b)) !== stableJson(get(a)));
    const details = differing.map(([label, get, display = show]) => `${label}: ${display(get(b))} -> ${display(get(a))}`);
    if (details.length > 0) {
      const labels = differing.map(([label]) => label);
      out.push(change('changed', spec.changed ?? 'low', spec.entity, a.id, spec.name(a),
        `changed ${labels.join(', ')}`, { details }));
    }
  }
  return out;
}

/** Each item's rank (0-based) within its group, ordered by position then id, on one side of matched pairs. */
export function ranks<T extends { id: string; position: number }>(
  pairs: [T, T][], side: 0 | 1, group: (item: T) => string = () => '',
): Map<string, number> {
  const groups = new Map<string, T[]>();
  for (const pair of pairs) {
    const item = pair[side];
    groups.set(group(item), [...(groups.get(group(item)) ?? []), item]);
  }
  const result = new Map<string, number>();
  for (const items of groups.values()) {
    items.sort((x, y) => (x.position ?? 0) - (y.position ?? 0) || compareIds(x.id, y.id));
    items.forEach((item, i) => result.set(item.id, i));
  }
  return result;
}
