import type { CheckMeta, CheckRun, CheckContext } from '../types.js';
import type { GuildExport } from '../../schema/types.js';

const LEVELS = ['none', 'low', 'medium', 'high', 'very high'];

export const meta: CheckMeta = {
  id: 'verification_level_low',
  title: 'Verification level is low',
  name: 'Verification level',
  category: 'settings',
  severity: 'high',
  motivation: 'With no or low verification, fresh throwaway accounts can post at once: the usual path for raids and spam.',
  remediation: { text: 'Server Settings > Safety Setup > Verification Level: Medium (registered for 5 minutes) or higher.', effort: 'low' },
  scaleBySize: true,
};

/** Fails below the `min_verification_level` threshold (default 2, medium); scored as level / required. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const level = exp.server!.verification_level;
  const required = ctx.thresholds.min_verification_level;
  const name = LEVELS[level] ?? String(level);
  if (level >= required) return { outcome: 'pass', message: `Verification level is ${name} (${level}).` };
  return {
    outcome: 'fail',
    score: required > 0 ? level / required : 0,
    message: `Verification level is ${name} (${level}); at least ${LEVELS[required] ?? required} (${required}) is recommended.`,
    evidence: [{ id: exp.server!.id, name: exp.server!.name, detail: `verification_level ${level}` }],
  };
}
