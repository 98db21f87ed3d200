import { defineCollector } from './types.js';
import { byPositionThenId, mapChannel } from './map-channel.js';

/** Every guild channel (all types, categories included) with permission overwrites. */
export const channels = defineCollector({
  name: 'channels',
  key: 'channels',
  description: 'Channels of every type, categories and permission overwrites',
  needs: { permissions: ['ViewChannel'] },
  async collect(ctx) {
    // Threads the channel list may carry are exported by the threads collector.
    const list = await ctx.sources.channelList();
    const skipped = list.skipped.notice('channel');
    if (skipped) ctx.partial(skipped);
    return list.channels.map(mapChannel).sort(byPositionThenId);
  },
});
