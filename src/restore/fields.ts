import type { FieldChange } from './types.js';

/**
 * The fields where `wanted` differs from `current`. A wanted value of undefined means the source does not hold that
 * field (an export older than the field): the live value is left alone, never "reset".
 */
export function changedFields(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [key, after] of Object.entries(wanted)) {
    if (after === undefined) continue;
    const before = current[key] ?? null;
    if (!same(before, after)) changes[key] = { before, after };
  }
  return changes;
}

/** Deep equality of JSON values (object keys in any order). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => same(v, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The body of a PATCH: each changed field's new value. */
export function bodyOf(changes: Record<string, FieldChange>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.after]));
}
