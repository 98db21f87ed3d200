import type { APIGuildScheduledEvent } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { getList } from './payload.js';
import { byId } from './map-channel.js';

/** Scheduled events with interested-user counts. */
export const events = defineCollector({
  name: 'events',
  key: 'events',
  description: 'Scheduled events',
  needs: {},
  async collect(ctx) {
    const list = await getList<APIGuildScheduledEvent>(ctx, `/guilds/${ctx.guildId}/scheduled-events`,
      { id: 'string', name: 'string', status: 'number', entity_type: 'number', scheduled_start_time: 'string' }, 'event', { query: { with_user_count: true } });
    return list
      .map((e) => ({
        id: e.id,
        name: e.name,
        description: e.description ?? null,
        status: e.status,
        entity_type: e.entity_type,
        channel: e.channel_id ?? null,
        location: e.entity_metadata?.location ?? null,
        scheduled_start_time: e.scheduled_start_time,
        scheduled_end_time: e.scheduled_end_time ?? null,
        user_count: e.user_count ?? null,
        creator_id: e.creator_id ?? null,
      }))
      .sort(byId);
  },
});
