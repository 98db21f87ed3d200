import type { CheckMeta, CheckRun, Evidence } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { plural } from '../helpers.js';

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
  // A managed role no known bot holds is an app the export could not identify: with Administrator and members,
  // it is the same master key, so it is evidence whoever owns it.
  const unidentified: Evidence[] = [];
  for (const role of exp.roles) {
    if (!role.managed || role.is_everyone || role.bot_id || role.integration_id || role.member_count === 0) continue;
    if (!role.permission_names.includes('Administrator') || exp.bots.some((b) => b.roles.includes(role.id))) continue;
    const held = role.member_count === null ? 'an uncounted number of members' : plural(role.member_count, 'member');
    unidentified.push({ id: role.id, name: role.name, detail: `managed role ${role.name} (Administrator) held by ${held}, bot not identified` });
  }
  if (flagged.size === 0 && unidentified.length === 0) return { outcome: 'pass', message: total ? `No bot holds Administrator (${total} checked).` : 'No bots in the server.' };
  const parts = [
    ...(flagged.size > 0 ? [`${flagged.size} of ${total} bot(s) hold Administrator`] : []),
    ...(unidentified.length > 0 ? [`${plural(unidentified.length, 'managed role')} with Administrator ${unidentified.length === 1 ? 'is' : 'are'} held by a bot that could not be identified`] : []),
  ];
  return {
    outcome: 'fail',
    score: 0,
    message: `${parts.join('; ')}.`,
    evidence: [...flagged.values(), ...unidentified],
  };
}
