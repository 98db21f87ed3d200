import type { CheckContext, CheckMeta, CheckRun, Evidence } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { DANGEROUS_PERMISSIONS } from '../../discord/permissions.js';

export const meta: CheckMeta = {
  id: 'roles_above_bots',
  title: 'Ordinary roles above a role-managing bot',
  name: 'Role order under role-managing bots',
  category: 'bots',
  severity: 'low',
  motivation: 'A bot can only assign roles below its own highest role; ordinary roles placed above it make self-role and verification flows fail silently.',
  remediation: { text: 'Drag the bot\'s role above the roles it hands out (Server Settings > Roles), keeping staff roles above it.', effort: 'low' },
};

/** Fails when a bot with Manage Roles sits below roles that carry no dangerous permission (roles it is meant to hand out). */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const managers = exp.bots.filter((b) => b.permission_names.includes('ManageRoles') && !b.permission_names.includes('Administrator'));
  if (managers.length === 0) return { outcome: 'not_applicable', message: 'No bot manages roles (or all of them are administrators).' };
  const ordinary = exp.roles.filter((r) => !r.is_everyone && !r.managed && !r.permission_names.some((p) => DANGEROUS_PERMISSIONS.includes(p)));
  const evidence: Evidence[] = [];
  for (const bot of managers) {
    const top = Math.max(-1, ...bot.roles.map((id) => ctx.roleById.get(id)?.position ?? -1));
    const above = ordinary.filter((r) => r.position > top).map((r) => r.name).sort();
    if (above.length) evidence.push({ id: bot.id, name: bot.name, detail: `below ${above.length} role(s): ${above.slice(0, 5).join(', ')}${above.length > 5 ? ', …' : ''}` });
  }
  const blocked = evidence.length;
  if (blocked === 0) return { outcome: 'pass', message: 'Every role-managing bot ranks above the ordinary roles.' };
  return { outcome: 'fail', score: (managers.length - blocked) / managers.length, message: `${blocked} of ${managers.length} role-managing bot(s) rank below roles they cannot assign.`, evidence };
}
