import type { APIGuildIntegration } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { readList } from './payload.js';
import { byId } from './map-channel.js';

/** Integrations (bots' applications, Twitch, YouTube...). */
export const integrations = defineCollector({
  name: 'integrations',
  key: 'integrations',
  description: 'Integrations',
  needs: { permissions: ['ManageGuild'] },
  async collect(ctx) {
    // One read shared with `members: counts`, which finds the bots among these.
    const route = `/guilds/${ctx.guildId}/integrations` as const;
    const { items: list, skipped } = readList<APIGuildIntegration>(route, await ctx.sources.integrations(), { id: 'string', name: 'string' });
    const notice = skipped.notice('integration');
    if (notice) ctx.partial(notice);
    return list
      .map((i) => ({
        id: i.id,
        name: i.name,
        type: String(i.type),
        enabled: i.enabled !== false,
        account_name: i.account?.name ?? null,
        application_id: i.application?.id ?? null,
        role_id: i.role_id ?? null,
      }))
      .sort(byId);
  },
});
