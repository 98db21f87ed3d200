import { ChannelType } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { byPositionThenId, mapChannel } from './map-channel.js';

/** Forum and media channels with their tags and how many posts (threads) were found in each. */
export const forums = defineCollector({
  name: 'forums',
  key: 'forums',
  description: 'Forum and media channels: tags and post counts',
  needs: { permissions: ['ReadMessageHistory'] },
  async collect(ctx) {
    const all = (await ctx.sources.channels()).filter((c) => c.type === ChannelType.GuildForum || c.type === ChannelType.GuildMedia);
    if (all.length === 0) return [];
    const scan = await ctx.sources.threadScan();
    const posts = new Map<string, number>();
    for (const t of scan.threads) if (t.parent_id) posts.set(t.parent_id, (posts.get(t.parent_id) ?? 0) + 1);
    return all
      .map(mapChannel)
      .sort(byPositionThenId)
      .map((c) => ({ id: c.id, name: c.name, topic: c.topic, type: c.type, post_count: posts.get(c.id) ?? 0, tags: c.available_tags ?? [], category: c.category }));
  },
});
