import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';

export const meta: CheckMeta = {
  id: 'explicit_content_filter_disabled',
  title: 'Explicit media filter is off',
  name: 'Explicit media filter',
  category: 'settings',
  severity: 'medium',
  motivation: 'Without the filter, explicit images posted by anyone reach every member before a moderator sees them.',
  remediation: { text: 'Server Settings > Safety Setup > Explicit image filter: filter messages from all members.', effort: 'low' },
};

/** Fails when the filter is disabled; "members without roles" scores half, "all members" passes. */
export function run(exp: GuildExport): CheckRun {
  const level = exp.server!.explicit_content_filter;
  if (level >= 2) return { outcome: 'pass', message: 'Explicit media is scanned for all members.' };
  if (level === 1) return { outcome: 'pass', score: 0.5, message: 'Explicit media is scanned only for members without roles; scanning all members is safer.' };
  return {
    outcome: 'fail',
    score: 0,
    message: 'The explicit media filter is disabled.',
    evidence: [{ id: exp.server!.id, name: exp.server!.name, detail: 'explicit_content_filter 0' }],
  };
}
