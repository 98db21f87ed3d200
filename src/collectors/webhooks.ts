import type { APIWebhook } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { getList } from './payload.js';
import { byId } from './map-channel.js';

/** Webhooks by name and channel. Discord returns each one's token and URL: they are secrets and are dropped here. */
export const webhooks = defineCollector({
  name: 'webhooks',
  key: 'webhooks',
  description: 'Webhooks (name, type, channel; never their tokens or URLs)',
  needs: { permissions: ['ManageWebhooks'] },
  async collect(ctx) {
    const list = await getList<APIWebhook>(ctx, `/guilds/${ctx.guildId}/webhooks`, { id: 'string', type: 'number' }, 'webhook');
    // Pick fields explicitly: never spread the payload, so `token` and `url` cannot leak through.
    return list
      .map((w) => ({
        id: w.id,
        name: w.name ?? null,
        type: w.type,
        channel: w.channel_id ?? null,
        application_id: w.application_id ?? null,
        created_by: w.user?.id ?? null,
      }))
      .sort(byId);
  },
});
