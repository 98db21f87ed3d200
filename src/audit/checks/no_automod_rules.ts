import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { plural } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'no_automod_rules',
  title: 'No AutoMod rules enabled',
  name: 'AutoMod rules',
  category: 'moderation',
  severity: 'medium',
  motivation: 'AutoMod blocks spam, mention raids and slurs before anyone reads them, even when no moderator is online.',
  remediation: { text: 'Server Settings > AutoMod: enable at least the spam, mention-spam and commonly flagged words rules.', effort: 'low' },
  scaleBySize: true,
};

/** Fails when no AutoMod rule is enabled; rules that exist but are all disabled are named as evidence. */
export function run(exp: GuildExport): CheckRun {
  const enabled = exp.automod.filter((r) => r.enabled);
  if (enabled.length > 0) return { outcome: 'pass', message: `${plural(enabled.length, 'AutoMod rule')} enabled.` };
  const disabled = exp.automod.map((r) => ({ id: r.id, name: r.name, detail: 'disabled' }));
  return {
    outcome: 'fail',
    message: disabled.length ? `All ${plural(disabled.length, 'AutoMod rule')} are disabled.` : 'The server has no AutoMod rules.',
    evidence: disabled,
  };
}
