import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { plural, proportional } from '../helpers.js';
import { roleCountOf } from '../../schema/role-counts.js';

export const meta: CheckMeta = {
  id: 'unused_roles',
  title: 'Roles nobody holds',
  name: 'Unused roles',
  category: 'roles',
  severity: 'low',
  motivation: 'Empty roles clutter the role list, make permission reviews slower and often keep stale permissions around.',
  remediation: { text: 'Delete roles no one holds (or document why they are kept, e.g. reaction roles), after checking nothing else references them.', effort: 'low' },
};

/** Member count of a role from the roles collector or the member aggregates; null when unknown. */
function countOf(exp: GuildExport, roleId: string, fromRole: number | null): number | null {
  if (fromRole !== null) return fromRole;
  if (!exp.member_stats || exp.meta.scope.members_truncated) return null;
  return roleCountOf(exp.member_stats.role_counts, roleId) ?? 0;
}

/** Fails for assignable roles with zero members; not applicable when members were not counted. */
export function run(exp: GuildExport): CheckRun {
  const candidates = exp.roles.filter((r) => !r.is_everyone && !r.managed);
  const counted = candidates.map((r) => ({ role: r, count: countOf(exp, r.id, r.member_count) }));
  if (counted.some((c) => c.count === null)) {
    return { outcome: 'not_applicable', message: 'Role member counts were not collected (members: none, or member collection failed or was truncated).' };
  }
  const unused = counted.filter((c) => c.count === 0).map((c) => ({ id: c.role.id, name: c.role.name }));
  return proportional(
    unused.length,
    candidates.length,
    `${plural(unused.length, 'role')} of ${candidates.length} ${unused.length === 1 ? 'has' : 'have'} no members.`,
    candidates.length ? `Every one of ${plural(candidates.length, 'role')} has members.` : 'No assignable roles besides @everyone.',
    unused,
  );
}
