import { defineCollector } from './types.js';
import { byId } from './map-channel.js';

interface RawSound {
  sound_id: string;
  name: string;
  volume: number;
  available?: boolean;
}

/** Guild soundboard sounds. */
export const soundboard = defineCollector({
  name: 'soundboard',
  key: 'soundboard',
  description: 'Soundboard sounds',
  needs: {},
  async collect(ctx) {
    const body = await ctx.api.get<{ items: RawSound[] }>(`/guilds/${ctx.guildId}/soundboard-sounds`);
    return (body.items ?? [])
      .map((s) => ({ id: s.sound_id, name: s.name, volume: s.volume, available: s.available !== false }))
      .sort(byId);
  },
});
