import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { MESSAGE_CHANNEL_TYPES, RULES_NAME } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'missing_rules_channel',
  title: 'No rules channel',
  name: 'Rules channel',
  category: 'moderation',
  severity: 'low',
  motivation: 'Written rules tell newcomers what is expected and give moderators something to point at when they act.',
  remediation: { text: 'Write the rules in a read-only #rules channel and set it under Server Settings > Safety Setup (or Community Overview) as the rules channel.', effort: 'low' },
  scaleBySize: true,
};

/** Passes when settings name a rules channel or a channel is named like one. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const set = exp.server!.rules_channel_id;
  if (set) {
    const c = ctx.channelById.get(set);
    return { outcome: 'pass', message: `Rules channel set: ${c ? `#${c.name}` : set}.` };
  }
  const named = exp.channels.filter((c) => MESSAGE_CHANNEL_TYPES.has(c.type_name) && RULES_NAME.test(c.name));
  if (named.length > 0) {
    return { outcome: 'pass', message: `No rules channel in settings, but #${named.map((c) => c.name).sort()[0]} serves as one.` };
  }
  return { outcome: 'fail', message: 'No rules channel is set and no channel looks like one.', evidence: [] };
}
