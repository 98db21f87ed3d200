import type { APIEmoji } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { readList } from './payload.js';
import { byId } from './map-channel.js';

/** Custom emojis (from the guild payload: no extra request unless it lacks them). */
export const emojis = defineCollector({
  name: 'emojis',
  key: 'emojis',
  description: 'Custom emojis',
  needs: {},
  async collect(ctx) {
    const guild = await ctx.sources.guild();
    // From the guild answer; from GET /guilds/{id}/emojis when a compatible server leaves them out of it.
    const list = guild.emojis !== undefined && guild.emojis !== null
      ? readList<APIEmoji>(`/guilds/${ctx.guildId}`, guild, { id: 'string' }, 'emojis')
      : readList<APIEmoji>(`/guilds/${ctx.guildId}/emojis`, await ctx.api.get<unknown>(`/guilds/${ctx.guildId}/emojis`), { id: 'string' });
    const skipped = list.skipped.notice('emoji');
    if (skipped) ctx.partial(skipped);
    return list.items
      .map((e) => ({
        id: e.id!,
        name: e.name ?? '',
        animated: e.animated === true,
        managed: e.managed === true,
        available: e.available !== false,
        roles: [...(e.roles ?? [])].sort(),
      }))
      .sort(byId);
  },
});
