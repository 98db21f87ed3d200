import type { APIBan } from 'discord-api-types/v10';
import { defineCollector } from './types.js';

const PAGE = 1000;

/** The number of bans (only the count is kept: who was banned is personal data). */
export const bans = defineCollector({
  name: 'bans',
  key: 'bans',
  description: 'Ban count',
  needs: { permissions: ['BanMembers'] },
  async collect(ctx) {
    let count = 0;
    let after = '0';
    for (;;) {
      const page = await ctx.api.get<APIBan[]>(`/guilds/${ctx.guildId}/bans`, { limit: PAGE, after });
      count += page.length;
      if (page.length < PAGE) return { count };
      after = page[page.length - 1].user.id;
    }
  },
});
