import { DANGEROUS_PERMISSIONS, permissionNames, toBits } from '../discord/permissions.js';
import type { DiffChange, DiffSeverity } from './types.js';

/** Builds a change; `details` is dropped when empty so JSON output stays small. */
export function change(
  kind: string,
  severity: DiffSeverity,
  entity: string,
  id: string,
  name: string,
  summary: string,
  options: { details?: string[]; escalation?: boolean } = {},
): DiffChange {
  const c: DiffChange = { kind, severity, entity, id, name, summary, escalation: options.escalation === true };
  if (options.details && options.details.length > 0) c.details = options.details;
  return c;
}

// discord-api-types keeps the deprecated alias of ManageGuildExpressions (same bit): list each bit once.
const ALIASES = new Set(['ManageEmojisAndStickers']);

/** Flag names of a bitfield, one name per bit, ordered by bit. */
export function flagNames(bits: string | bigint | null | undefined): string[] {
  return permissionNames(bits).filter((n) => !ALIASES.has(n));
}

/** Permission names set in `after` but not in `before`, and the reverse. */
export function bitDelta(before: string | bigint | null | undefined, after: string | bigint | null | undefined):
  { gained: string[]; lost: string[] } {
  const b = typeof before === 'bigint' ? before : toBits(before);
  const a = typeof after === 'bigint' ? after : toBits(after);
  return { gained: flagNames(a & ~b), lost: flagNames(b & ~a) };
}

/** The dangerous permissions among `names`. */
export function dangerousAmong(names: string[]): string[] {
  return names.filter((n) => DANGEROUS_PERMISSIONS.includes(n));
}

/** JSON with sorted object keys: equal values always give equal text. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** Short human text for a field value in details lines. */
export function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return stableJson(value);
}
