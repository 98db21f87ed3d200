import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';

export const meta: CheckMeta = {
  id: 'low_activity',
  title: 'Few members online',
  name: 'Members online',
  category: 'activity',
  severity: 'low',
  motivation: 'When only a sliver of members is ever online, most joined and left in spirit: announcements go unread and the member count overstates the community.',
  remediation: { text: 'Prune inactive members, review onboarding and notification defaults, and give newcomers a reason to come back (events, clear channels).', effort: 'high' },
};

/** Fails when presence / members is below `min_presence_ratio`; not applicable for tiny servers or unknown presence. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const { presence_count: online, member_count: members } = exp.server!;
  const minMembers = ctx.thresholds.activity_min_members;
  if (online === null) return { outcome: 'not_applicable', message: 'The presence count was not reported.' };
  if (members < minMembers) return { outcome: 'not_applicable', message: `Fewer than ${minMembers} members: the online ratio says little.` };
  const ratio = online / members;
  const min = ctx.thresholds.min_presence_ratio;
  // Presence moves from minute to minute: the message and score use 5 % bands and a plain pass/fail, so
  // the committed snapshot changes only when activity really crosses the threshold, not on every run.
  const band = `about ${Math.round((ratio * 100) / 5) * 5}%`;
  if (ratio >= min) return { outcome: 'pass', message: `${band} of members online.` };
  return {
    outcome: 'fail',
    score: 0,
    message: `Only ${band} of members are online (below ${(min * 100).toFixed(1)}%).`,
    evidence: [{ id: exp.server!.id, name: exp.server!.name, detail: `under ${(min * 100).toFixed(1)}% online` }],
  };
}
