import { defineCollector } from './types.js';
import { byPositionThenId, mapChannel } from './map-channel.js';

/** Every guild channel (all types, categories included) with permission overwrites. */
export const channels = defineCollector({
  name: 'channels',
  key: 'channels',
  description: 'Channels of every type, categories and permission overwrites',
  needs: { permissions: ['ViewChannel'] },
  async collect(ctx) {
    return (await ctx.sources.channels()).map(mapChannel).sort(byPositionThenId);
  },
});
