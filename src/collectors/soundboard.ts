import { defineCollector } from './types.js';
import { getList } from './payload.js';
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
    const items = await getList<RawSound>(ctx, `/guilds/${ctx.guildId}/soundboard-sounds`, { sound_id: 'string', name: 'string', volume: 'number' }, 'soundboard sound', { field: 'items' });
    return items
      .map((s) => ({ id: s.sound_id, name: s.name, volume: s.volume, available: s.available !== false }))
      .sort(byId);
  },
});
