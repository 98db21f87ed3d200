import { ChannelType } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { byPositionThenId, mapChannel } from './map-channel.js';

/** Voice channels: bitrate, user limit and region. */
export const voice = defineCollector({
  name: 'voice',
  key: 'voice',
  description: 'Voice channels: bitrate, user limit, region',
  needs: {},
  async collect(ctx) {
    return (await ctx.sources.channels())
      .filter((c) => c.type === ChannelType.GuildVoice)
      .map(mapChannel)
      .sort(byPositionThenId)
      .map((c) => ({ id: c.id, name: c.name, bitrate: c.bitrate, user_limit: c.user_limit, region: c.rtc_region, category: c.category }));
  },
});
