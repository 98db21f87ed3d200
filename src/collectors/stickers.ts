import type { APISticker } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { readList } from './payload.js';
import { byId } from './map-channel.js';

/** Custom stickers (from the guild payload, or GET /guilds/{id}/stickers when the payload lacks them). */
export const stickers = defineCollector({
  name: 'stickers',
  key: 'stickers',
  description: 'Custom stickers',
  needs: {},
  async collect(ctx) {
    const guild = await ctx.sources.guild();
    const shape = { id: 'string', name: 'string', format_type: 'number' } as const;
    const read = guild.stickers !== undefined && guild.stickers !== null
      ? readList<APISticker>(`/guilds/${ctx.guildId}`, guild, shape, 'stickers')
      : readList<APISticker>(`/guilds/${ctx.guildId}/stickers`, await ctx.api.get<unknown>(`/guilds/${ctx.guildId}/stickers`), shape);
    const skipped = read.skipped.notice('sticker');
    if (skipped) ctx.partial(skipped);
    return read.items
      .map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description ?? null,
        tags: s.tags ?? '',
        format_type: s.format_type,
        available: s.available !== false,
      }))
      .sort(byId);
  },
});
