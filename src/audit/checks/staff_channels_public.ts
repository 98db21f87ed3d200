import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { channelEvidence, plural, STAFF_NAME } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'staff_channels_public',
  title: 'Staff channels readable by everyone',
  name: 'Staff channel visibility',
  category: 'permissions',
  severity: 'high',
  motivation: 'Channels named for staff or logs tend to carry reports, evidence and internal talk; if @everyone can read them, all of it is public.',
  remediation: { text: 'Deny View Channel to @everyone on the channel (or its category) and allow it to the staff role.', effort: 'low' },
};

/** Fails for channels named like staff/log channels that the effective-access data says everyone can view. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  if (ctx.access.size === 0) return { outcome: 'not_applicable', message: 'Effective channel access was not computed for this export.' };
  const staffish = exp.channels.filter((c) => c.type_name !== 'voice' && c.type_name !== 'stage' && STAFF_NAME.test(c.name) && ctx.access.has(c.id));
  const open = staffish.filter((c) => ctx.access.get(c.id)!.private === false).map((c) => channelEvidence(c, 'readable by @everyone'));
  if (open.length === 0) {
    return { outcome: 'pass', message: staffish.length ? `${plural(staffish.length, 'staff-like channel')}, all private.` : 'No channels named like staff channels.' };
  }
  // Not proportional: one public staff channel leaks as much as several.
  return { outcome: 'fail', score: 0, message: `${open.length} of ${plural(staffish.length, 'staff-like channel')} can be read by @everyone.`, evidence: open };
}
