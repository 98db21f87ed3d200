import type { MemberStats } from './types.js';

/*
 * member_stats.role_counts is keyed by role ids that come from outside (a Discord-compatible server may use any
 * string, "constructor" or "__proto__" included). A plain `{}` answers such keys with inherited functions or turns
 * a write into a prototype change, so counts are kept in null-prototype objects and read through own keys only;
 * export.json still gets a plain JSON object.
 */

/** An empty role id -> members table with no inherited keys. */
export function emptyRoleCounts(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

/** Members counted for a role, or undefined when the table holds no count for it (inherited keys are no count). */
export function roleCountOf(counts: MemberStats['role_counts'] | null | undefined, roleId: string): number | undefined {
  if (!counts || typeof counts !== 'object' || !Object.hasOwn(counts, roleId)) return undefined;
  const n: unknown = counts[roleId];
  return typeof n === 'number' ? n : undefined;
}

/** Adds one member to a role's count. */
export function countRole(counts: MemberStats['role_counts'], roleId: string): void {
  counts[roleId] = (roleCountOf(counts, roleId) ?? 0) + 1;
}
