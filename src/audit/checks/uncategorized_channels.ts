import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { channelEvidence, plural, proportional } from '../helpers.js';

const THREADS = new Set(['public_thread', 'private_thread', 'announcement_thread']);

export const meta: CheckMeta = {
  id: 'uncategorized_channels',
  title: 'Channels outside any category',
  name: 'Channel categories',
  category: 'channels',
  severity: 'low',
  motivation: 'Channels outside categories cannot inherit category permissions and make the channel list harder to navigate.',
  remediation: { text: 'Move each channel into a category (and sync its permissions with the category unless it needs its own).', effort: 'low' },
};

/** Fails for non-category channels with no parent; scored as the share that are categorized. */
export function run(exp: GuildExport): CheckRun {
  const channels = exp.channels.filter((c) => c.type_name !== 'category' && !THREADS.has(c.type_name));
  const loose = channels.filter((c) => c.category === null).map((c) => channelEvidence(c));
  return proportional(
    loose.length,
    channels.length,
    `${plural(loose.length, 'channel')} of ${channels.length} ${loose.length === 1 ? 'is' : 'are'} not in a category.`,
    channels.length ? 'Every channel is in a category.' : 'The server has no channels.',
    loose,
  );
}
