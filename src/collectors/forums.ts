import { ChannelType } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { ExportNotice } from '../discord/errors.js';
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
    // Post counts are threads counted: any thread list that could not be read leaves them low.
    const gaps = [...(scan.unavailable.length ? [`this server does not offer ${scan.unavailable.join(', ')}`] : []),
      ...(scan.errors.length ? [`${scan.errors.length} thread list(s) failed (see the threads collector)`] : []),
      ...(scan.denied.public.some((id) => all.some((c) => c.id === id)) ? ['archived posts of some forums were not readable (403)'] : [])];
    if (gaps.length > 0) {
      ctx.partial(new ExportNotice(`Post counts leave out threads that could not be listed: ${gaps.join('; ')}.`,
        'See the threads collector for what to do.', 'THREADS_INCOMPLETE', null));
    }
    const posts = new Map<string, number>();
    for (const t of scan.threads) if (t.parent_id) posts.set(t.parent_id, (posts.get(t.parent_id) ?? 0) + 1);
    return all
      .map(mapChannel)
      .sort(byPositionThenId)
      .map((c) => ({ id: c.id, name: c.name, topic: c.topic, type: c.type, post_count: posts.get(c.id) ?? 0, tags: c.available_tags ?? [], category: c.category }));
  },
});
