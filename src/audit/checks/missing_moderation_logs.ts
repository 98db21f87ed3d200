import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { channelEvidence, isPrivate, MESSAGE_CHANNEL_TYPES } from '../helpers.js';

const LOG_NAME = /(log|audit|mod-?action|modmail|incident|report)/i;

export const meta: CheckMeta = {
  id: 'missing_moderation_logs',
  title: 'No moderation log channel',
  name: 'Moderation log channel',
  category: 'moderation',
  severity: 'medium',
  motivation: 'Without a staff-only place where bans, AutoMod alerts and reports land, incidents go unnoticed and cannot be reviewed later.',
  remediation: { text: 'Create a staff-only #mod-log (deny View Channel to @everyone), point AutoMod alerts and your logging bot at it, and set it as the Safety Notifications channel.', effort: 'low' },
  scaleBySize: true,
};

/** Passes with a safety-alerts channel, a private channel named like a log, or a private AutoMod alert channel. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const safety = exp.server!.safety_alerts_channel_id;
  if (safety) {
    const c = ctx.channelById.get(safety);
    return { outcome: 'pass', message: `Safety alerts go to ${c ? `#${c.name}` : `channel ${safety}`}.` };
  }
  const alertTargets = new Set(
    exp.automod.flatMap((r) => r.actions.map((a) => a.metadata?.channel_id)).filter((v): v is string => typeof v === 'string'),
  );
  const logs = exp.channels
    .filter((c) => MESSAGE_CHANNEL_TYPES.has(c.type_name) && isPrivate(c, ctx))
    .filter((c) => LOG_NAME.test(c.name) || alertTargets.has(c.id));
  if (logs.length > 0) {
    const names = logs.map((c) => `#${c.name}`).sort().join(', ');
    return { outcome: 'pass', message: `Staff-only log channel found: ${names}.` };
  }
  const publicLogs = exp.channels.filter((c) => MESSAGE_CHANNEL_TYPES.has(c.type_name) && LOG_NAME.test(c.name));
  return {
    outcome: 'fail',
    message: publicLogs.length
      ? 'Log-like channels exist but everyone can read them, and no safety-alerts channel is set.'
      : 'No staff-only moderation log channel and no safety-alerts channel is set.',
    evidence: publicLogs.map((c) => channelEvidence(c, 'readable by @everyone')),
  };
}
