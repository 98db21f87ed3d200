import type { GuildExport } from '../schema/types.js';
import { toBits } from '../discord/permissions.js';
import type { DiffChange } from './types.js';
import { diffById, matchById } from './by-id.js';
import { dangerousAmong, flagNames } from './util.js';
import { permissionChanges } from './roles.js';

/** Bots added (with Administrator: an escalation), removed, renamed, and the permissions each gained or lost. */
export function diffBots(before: GuildExport, after: GuildExport): DiffChange[] {
  const out = diffById(before.bots, after.bots, {
    entity: 'bot',
    name: (b) => b.name ?? '',
    fields: [],
    added: (bot) => {
      const names = flagNames(toBits(bot.permissions));
      const details = names.length > 0 ? [`permissions: ${names.join(', ')}`] : [];
      if (names.includes('Administrator')) return { severity: 'critical', escalation: true, details };
      return { severity: dangerousAmong(names).length > 0 ? 'medium' : 'low', details };
    },
    removed: 'low',
  });
  for (const [b, a] of matchById(before.bots, after.bots).common) {
    out.push(...permissionChanges('bot', a.id, a.name, b.permissions, a.permissions, false));
  }
  return out;
}
