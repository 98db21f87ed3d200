import { defineCollector } from './types.js';
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
    if (scan.denied.private.length > 0) {
      ctx.partial(
        new Error(`Private archived threads of ${scan.denied.private.length} channel(s) were not readable (403).`),
        { permissions: ['ManageThreads', 'ReadMessageHistory'] },
      );
    }
    if (scan.denied.public.length > 0) {
      ctx.partial(
        new Error(`Archived threads of ${scan.denied.public.length} channel(s) were not readable (403).`),
        { permissions: ['ViewChannel', 'ReadMessageHistory'] },
      );
    }
    return scan.threads.map(mapThread).sort(byId);
  },
});
