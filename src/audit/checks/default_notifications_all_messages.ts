import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';

export const meta: CheckMeta = {
  id: 'default_notifications_all_messages',
  title: 'Default notifications: all messages',
  name: 'Default notification setting',
  category: 'settings',
  severity: 'low',
  motivation: 'Notifying every member of every message drives people to mute or leave the server once it gets busy.',
  remediation: { text: 'Server Settings > Overview > Default Notification Settings: Only @mentions.', effort: 'low' },
  scaleBySize: true,
};

/** Fails when default_message_notifications is 0 (all messages). */
export function run(exp: GuildExport): CheckRun {
  if (exp.server!.default_message_notifications === 1) return { outcome: 'pass', message: 'Members are notified of @mentions only by default.' };
  return {
    outcome: 'fail',
    message: 'Members are notified of every message by default.',
    evidence: [{ id: exp.server!.id, name: exp.server!.name, detail: 'default_message_notifications 0' }],
  };
}
