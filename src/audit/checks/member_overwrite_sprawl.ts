import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { channelEvidence, plural } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'member_overwrite_sprawl',
  title: 'Member-specific overwrite sprawl',
  name: 'Member-specific overwrites',
  category: 'permissions',
  severity: 'low',
  motivation: 'Permissions granted to individual members outlive their reason, are invisible in the role list and make access reviews unreliable.',
  remediation: { text: 'Replace member-specific overwrites with a role that carries the access, then remove the per-member entries.', effort: 'medium' },
};

/** Counts member-type overwrites (never naming members) against `max_member_overwrites`; scored as max / count. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const max = ctx.thresholds.max_member_overwrites;
  const perChannel = exp.channels
    .map((c) => ({ c, n: c.permission_overwrites.filter((o) => o.type === 'member').length }))
    .filter((x) => x.n > 0);
  const total = perChannel.reduce((sum, x) => sum + x.n, 0);
  const evidence = perChannel.map((x) => channelEvidence(x.c, plural(x.n, 'member overwrite')));
  if (total <= max) return { outcome: 'pass', message: `${plural(total, 'member-specific overwrite')} (max ${max}).`, evidence };
  return {
    outcome: 'fail',
    score: max / total,
    message: `${total} member-specific overwrites across ${perChannel.length} channel(s); at most ${max} is recommended.`,
    evidence,
  };
}
