import type { ExportRole, GuildExport } from '../schema/types.js';
import { toBits } from '../discord/permissions.js';
import type { DiffChange, DiffSeverity } from './types.js';
import { diffById, matchById, ranks } from './by-id.js';
import { bitDelta, change, dangerousAmong, flagNames } from './util.js';

const roleName = (r: ExportRole): string => (r.is_everyone ? '@everyone' : r.name ?? '');

/** How bad gaining `names` is for a role (or a bot): Administrator worst, @everyone worse than a role. */
export function gainSeverity(names: string[], everyone: boolean): { severity: DiffSeverity; escalation: boolean } {
  const dangerous = dangerousAmong(names);
  if (names.includes('Administrator')) return { severity: 'critical', escalation: true };
  if (dangerous.length > 0) return { severity: everyone ? 'critical' : 'high', escalation: true };
  if (names.length > 0 && everyone) return { severity: 'medium', escalation: false };
  return { severity: 'low', escalation: false };
}

/** Roles added, removed, renamed, recoloured, reordered, and the permission bits each gained or lost. */
export function diffRoles(before: GuildExport, after: GuildExport): DiffChange[] {
  const out = diffById(before.roles, after.roles, {
    entity: 'role',
    name: roleName,
    fields: [
      ['color', (r) => r.color],
      ['hoist', (r) => r.hoist],
      ['mentionable', (r) => r.mentionable],
    ],
    added: (r) => {
      const names = flagNames(toBits(r.permissions));
      return { ...gainSeverity(names, r.is_everyone), details: names.length > 0 ? [`permissions: ${names.join(', ')}`] : [] };
    },
    removed: 'medium',
  });

  const { common } = matchById(before.roles, after.roles);
  for (const [b, a] of common) {
    out.push(...permissionChanges('role', a.id, roleName(a), b.permissions, a.permissions, a.is_everyone));
  }
  out.push(...roleMoves(common));
  return out;
}

/** The permission bits a role or bot gained (an escalation when dangerous) and lost, as up to two changes. */
export function permissionChanges(entity: string, id: string, name: string, before: string, after: string,
  everyone: boolean): DiffChange[] {
  const { gained, lost } = bitDelta(before, after);
  const out: DiffChange[] = [];
  if (gained.length > 0) {
    const sev = gainSeverity(gained, everyone);
    out.push(change('permissions_gained', sev.severity, entity, id, name, `gained ${gained.join(', ')}`,
      { escalation: sev.escalation }));
  }
  if (lost.length > 0) out.push(change('permissions_lost', 'low', entity, id, name, `lost ${lost.join(', ')}`));
  return out;
}

// Compare each role's rank among the roles present in both exports, so adding or deleting a role (which
// renumbers every position above it) is not reported as moving all of them.
function roleMoves(common: [ExportRole, ExportRole][]): DiffChange[] {
  const ranked = common.filter(([b]) => !b.is_everyone);
  const rb = ranks(ranked, 0);
  const ra = ranks(ranked, 1);
  const out: DiffChange[] = [];
  for (const [b, a] of ranked) {
    if (rb.get(b.id) !== ra.get(a.id) && b.position !== a.position) {
      const dir = (ra.get(a.id) ?? 0) > (rb.get(b.id) ?? 0) ? 'up' : 'down';
      out.push(change('moved', 'low', 'role', a.id, roleName(a),
        `moved ${dir} the role hierarchy (position ${b.position} -> ${a.position})`));
    }
  }
  return out;
}
