import type { APISticker } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { byId } from './map-channel.js';

/** Custom stickers (from the guild payload, or GET /guilds/{id}/stickers when the payload lacks them). */
export const stickers = defineCollector({
  name: 'stickers',
  key: 'stickers',
  description: 'Custom stickers',
  needs: {},
  async collect(ctx) {
    const guild = await ctx.sources.guild();
    const list = guild.stickers ?? (await ctx.api.get<APISticker[]>(`/guilds/${ctx.guildId}/stickers`));
    return list
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
