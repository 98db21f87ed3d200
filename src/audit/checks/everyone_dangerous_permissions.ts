import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { DANGEROUS_PERMISSIONS } from '../../discord/permissions.js';
import { SMALL_SERVER_MEMBERS } from '../score.js';

/** Dangerous but Discord's default, and harmless among friends: on a small server failing on it alone scores half. */
const SOFT = new Set(['MentionEveryone']);

export const meta: CheckMeta = {
  id: 'everyone_dangerous_permissions',
  title: '@everyone has dangerous permissions',
  name: '@everyone permissions',
  category: 'permissions',
  severity: 'critical',
  motivation: 'Every member, including the newest account, holds what @everyone holds: moderation or management rights there hand the server to anyone who joins.',
  remediation: { text: 'Server Settings > Roles > @everyone: turn off every moderation/management permission (and Mention @everyone); grant them to a staff role instead.', effort: 'low' },
};

/** Fails when @everyone holds any permission of DANGEROUS_PERMISSIONS; Mention @everyone alone scores 0.5 on a small server. */
export function run(_exp: GuildExport, ctx: CheckContext): CheckRun {
  const everyone = ctx.everyone;
  if (!everyone) return { outcome: 'not_applicable', message: 'The @everyone role is missing from the export.' };
  const held = everyone.permission_names.filter((p) => DANGEROUS_PERMISSIONS.includes(p)).sort();
  if (held.length === 0) return { outcome: 'pass', message: '@everyone holds no dangerous permission.' };
  const soft = held.every((p) => SOFT.has(p));
  return {
    outcome: 'fail',
    score: soft && ctx.memberCount > 0 && ctx.memberCount < SMALL_SERVER_MEMBERS ? 0.5 : 0,
    message: `@everyone holds ${held.join(', ')}.`,
    evidence: [{ id: everyone.id, name: '@everyone', detail: held.join(', ') }],
  };
}
