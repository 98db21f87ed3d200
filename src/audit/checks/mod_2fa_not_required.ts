import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';

export const meta: CheckMeta = {
  id: 'mod_2fa_not_required',
  title: 'Two-factor authentication not required for moderators',
  name: 'Two-factor authentication for moderators',
  category: 'settings',
  severity: 'high',
  motivation: 'A moderator whose password leaks can ban, delete and reconfigure at will unless the server requires 2FA for those actions.',
  remediation: { text: 'Server Settings > Safety Setup > Require 2FA for moderator actions (the owner needs 2FA on their account first).', effort: 'low' },
  scaleBySize: true,
};

/** Fails when mfa_level is 0. */
export function run(exp: GuildExport): CheckRun {
  if (exp.server!.mfa_level >= 1) return { outcome: 'pass', message: '2FA is required for moderation actions.' };
  return {
    outcome: 'fail',
    message: '2FA is not required for moderation actions.',
    evidence: [{ id: exp.server!.id, name: exp.server!.name, detail: 'mfa_level 0' }],
  };
}
