import type { GuildExport } from '../../schema/types.js';
import { formatApproxCount } from '../round.js';
import { byPosition, colour, perms, section, table } from './format.js';

/** Roles from the top of the hierarchy down, with colour, member count and permission names. */
export function renderRoles(exp: GuildExport): string {
  const counted = exp.meta.scope.members !== 'none';
  const rows = byPosition(exp.roles, true).map((r) => [
    r.position,
    r.is_everyone ? '@everyone' : r.name,
    colour(r.color),
    counted && r.member_count !== null ? formatApproxCount(r.member_count) : 'not counted',
    [r.managed ? 'managed' : '', r.hoist ? 'hoisted' : '', r.mentionable ? 'mentionable' : ''].filter(Boolean).join(', ') || '-',
    perms(r.permission_names),
  ]);
  return section('Roles', table(['Position', 'Name', 'Colour', 'Members', 'Flags', 'Permissions'], rows, 'No roles collected.'));
}
