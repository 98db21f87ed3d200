import type { CheckContext, CheckMeta, CheckRun, Evidence } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { plural, proportional } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'webhooks_in_public_channels',
  title: 'Incoming webhooks in channels everyone can read',
  name: 'Webhooks in public channels',
  category: 'permissions',
  severity: 'low',
  motivation: 'A leaked webhook URL posts to everyone who can read its channel, under any name and avatar, and can ping @everyone; in public channels that is the whole server.',
  remediation: { text: 'Delete unused webhooks, keep needed ones in read-only or staff channels, and rotate any URL that may have leaked.', effort: 'low' },
};

/** Fails for incoming webhooks (type 1) in channels the effective-access data says are not private. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  if (ctx.access.size === 0) return { outcome: 'not_applicable', message: 'Effective channel access was not computed for this export.' };
  const incoming = exp.webhooks.filter((w) => w.type === 1);
  const exposed: Evidence[] = incoming
    .filter((w) => w.channel !== null && ctx.access.get(w.channel)?.private === false)
    .map((w) => ({ id: w.id, name: w.name ?? 'unnamed webhook', detail: `in #${ctx.channelById.get(w.channel!)?.name ?? w.channel}` }));
  return proportional(
    exposed.length,
    incoming.length,
    `${exposed.length} of ${plural(incoming.length, 'incoming webhook')} post into channels everyone can read.`,
    incoming.length ? 'No incoming webhook posts into a channel everyone can read.' : 'No incoming webhooks.',
    exposed,
  );
}
