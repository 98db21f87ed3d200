import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { DANGEROUS_PERMISSIONS } from '../../discord/permissions.js';
import { channelEvidence, plural } from '../helpers.js';
import { SMALL_SERVER_MEMBERS } from '../score.js';

export const meta: CheckMeta = {
  id: 'everyone_overwrite_dangerous_permissions',
  title: 'Channel overwrites grant @everyone dangerous permissions',
  name: '@everyone channel overwrites',
  category: 'permissions',
  severity: 'high',
  motivation: 'An @everyone overwrite that allows Manage Messages, Manage Webhooks or similar gives every member moderator powers in that channel, and is easy to miss in the role list.',
  remediation: { text: 'In each listed channel, Edit Channel > Permissions > @everyone: set those permissions to neutral or deny.', effort: 'low' },
};

/** Fails for channels whose @everyone overwrite allows a dangerous permission; Mention @everyone alone scores 0.5 on a small server. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const everyoneId = ctx.everyone?.id ?? exp.meta.scope.guild_id;
  const hits = exp.channels.flatMap((c) => {
    const ow = c.permission_overwrites.find((o) => o.type === 'role' && o.id === everyoneId);
    const granted = (ow?.allow_names ?? []).filter((p) => DANGEROUS_PERMISSIONS.includes(p)).sort();
    return granted.length ? [{ channel: c, granted }] : [];
  });
  if (hits.length === 0) return { outcome: 'pass', message: 'No channel overwrite gives @everyone a dangerous permission.' };
  const soft = hits.every((h) => h.granted.every((p) => p === 'MentionEveryone'));
  return {
    outcome: 'fail',
    score: soft && ctx.memberCount > 0 && ctx.memberCount < SMALL_SERVER_MEMBERS ? 0.5 : 0,
    message: `${plural(hits.length, 'channel')} give @everyone dangerous permissions through overwrites.`,
    evidence: hits.map((h) => channelEvidence(h.channel, h.granted.join(', '))),
  };
}
