import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { plural } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'too_many_admin_roles',
  title: 'Too many Administrator roles',
  name: 'Administrator roles',
  category: 'roles',
  severity: 'high',
  motivation: 'Administrator bypasses every permission and overwrite; each extra role holding it widens the blast radius of one compromised account.',
  remediation: { text: 'Keep Administrator on one or two roles; give other staff roles only the specific permissions they use.', effort: 'medium' },
};

/** Counts non-bot roles holding Administrator against `max_admin_roles`; scored as max / count. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const max = ctx.thresholds.max_admin_roles;
  // Bot-managed roles are judged by bots_with_administrator, so they are not counted twice.
  const admins = exp.roles.filter((r) => !r.managed && r.permission_names.includes('Administrator'));
  const evidence = admins.map((r) => (r.member_count === null ? { id: r.id, name: r.name } : { id: r.id, name: r.name, detail: plural(r.member_count, 'member') }));
  if (admins.length <= max) return { outcome: 'pass', message: `${plural(admins.length, 'role')} ${admins.length === 1 ? 'holds' : 'hold'} Administrator (max ${max}).`, evidence };
  return {
    outcome: 'fail',
    score: max / admins.length,
    message: `${admins.length} roles hold Administrator; at most ${max} is recommended.`,
    evidence,
  };
}
