import { defineCollector } from './types.js';
import { ExportNotice, NOT_OFFERED_HINT } from '../discord/errors.js';
import { mapThread, byId } from './map-channel.js';

/** Active threads plus archived public and private threads of every channel. */
export const threads = defineCollector({
  name: 'threads',
  key: 'threads',
  description: 'Active and archived (public and private) threads',
  needs: { permissions: ['ReadMessageHistory', 'ManageThreads'] },
  async collect(ctx) {
    const scan = await ctx.sources.threadScan();
    for (const error of scan.errors) ctx.partial(error, this.needs);
    if (scan.unavailable.length > 0) {
      ctx.partial(new ExportNotice(
        `This server does not offer ${scan.unavailable.join(', ')} (404 while the server itself was read): only the threads found elsewhere (such as in the channel list) were exported.`,
        NOT_OFFERED_HINT,
        'NOT_OFFERED', 404,
      ));
    }
    const skipped = scan.skipped.notice('thread');
    if (skipped) ctx.partial(skipped);
    if (scan.denied.private.length > 0) {
      ctx.partial(new ExportNotice(
        `Private archived threads of ${scan.denied.private.length} channel(s) were not readable (403); active and public threads were exported.`,
        "Give the bot's role the ManageThreads and ReadMessageHistory permissions (Server Settings > Roles) to include private archived threads.",
        50013, 403,
      ));
    }
    if (scan.denied.public.length > 0) {
      ctx.partial(new ExportNotice(
        `Archived threads of ${scan.denied.public.length} channel(s) were not readable (403): the bot cannot see those channels.`,
        "Give the bot's role ViewChannel and ReadMessageHistory in those channels (check their permission overwrites).",
        50001, 403,
      ));
    }
    return scan.threads.map(mapThread).sort(byId);
  },
});
