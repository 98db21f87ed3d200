import { defineCollector } from './types.js';
import { byId } from './map-channel.js';

/** Custom emojis (from the guild payload: no extra request). */
export const emojis = defineCollector({
  name: 'emojis',
  key: 'emojis',
  description: 'Custom emojis',
  needs: {},
  async collect(ctx) {
    const guild = await ctx.sources.guild();
    return (guild.emojis ?? [])
      .filter((e) => e.id)
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
