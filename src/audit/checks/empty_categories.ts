import type { CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { channelEvidence, plural, proportional } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'empty_categories',
  title: 'Empty categories',
  name: 'Empty categories',
  category: 'channels',
  severity: 'low',
  motivation: 'A category with no channels is leftover structure: it confuses members and hides nothing.',
  remediation: { text: 'Delete empty categories or move the channels that belong there into them.', effort: 'low' },
};

/** Fails for categories no channel points at; scored as the share of categories in use. */
export function run(exp: GuildExport): CheckRun {
  const categories = exp.channels.filter((c) => c.type_name === 'category');
  const used = new Set(exp.channels.map((c) => c.category).filter((id): id is string => id !== null));
  const empty = categories.filter((c) => !used.has(c.id)).map((c) => channelEvidence(c));
  return proportional(
    empty.length,
    categories.length,
    `${plural(empty.length, 'category', 'categories')} of ${categories.length} ${empty.length === 1 ? 'is' : 'are'} empty.`,
    categories.length ? 'Every category holds channels.' : 'The server has no categories.',
    empty,
  );
}
