import type { CheckMeta, CheckRun, Evidence } from '../types.js';
import type { GuildExport } from '../../schema/types.js';

export const meta: CheckMeta = {
  id: 'bots_with_administrator',
  title: 'Bots with Administrator',
  name: 'Bot Administrator rights',
  category: 'bots',
  severity: 'high',
  motivation: 'A bot with Administrator is a standing master key: a leaked bot token or a compromised bot vendor owns the server.',
  remediation: { text: 'Re-invite each bot with only the permissions it documents (or strip Administrator from its managed role).', effort: 'medium' },
};

/** Fails when any bot's roles grant Administrator (scored 0: one such bot is the whole risk). */
export function run(exp: GuildExport): CheckRun {
  const flagged = new Map<string, Evidence>();
  for (const bot of exp.bots) {
    if (bot.permission_names.includes('Administrator')) flagged.set(bot.id, { id: bot.id, name: bot.name, detail: 'Administrator' });
  }
  // A managed bot role with Administrator counts even when the bot itself is missing from exp.bots.
  const known = new Set(exp.bots.map((b) => b.id));
  for (const role of exp.roles) {
    if (role.bot_id && !known.has(role.bot_id) && role.permission_names.includes('Administrator')) {
      flagged.set(role.bot_id, { id: role.bot_id, name: role.name, detail: `Administrator via managed role ${role.id}` });
    }
  }
  const total = new Set([...known, ...flagged.keys()]).size;
  if (flagged.size === 0) return { outcome: 'pass', message: total ? `No bot holds Administrator (${total} checked).` : 'No bots in the server.' };
  return {
    outcome: 'fail',
    score: 0,
    message: `${flagged.size} of ${total} bot(s) hold Administrator.`,
    evidence: [...flagged.values()],
  };
}
