import type { CheckMeta, CheckRun, Evidence } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { proportional } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'duplicate_role_names',
  title: 'Duplicate role names',
  name: 'Role name uniqueness',
  category: 'roles',
  severity: 'low',
  motivation: 'Two roles with the same name get confused when granting access, so the wrong one ends up with the permissions.',
  remediation: { text: 'Rename or merge roles that share a name.', effort: 'low' },
};

/** Fails when two or more roles share a name (case and surrounding spaces ignored). */
export function run(exp: GuildExport): CheckRun {
  const roles = exp.roles.filter((r) => !r.is_everyone);
  const groups = new Map<string, typeof roles>();
  for (const r of roles) {
    const key = r.name.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const dupes = [...groups.values()].filter((g) => g.length > 1);
  const evidence: Evidence[] = dupes.flatMap((g) => g.map((r) => ({ id: r.id, name: r.name, detail: `${g.length} roles share this name` })));
  return proportional(
    evidence.length,
    roles.length,
    `${dupes.length} role name(s) are used by more than one role.`,
    'Every role name is unique.',
    evidence,
  );
}
