import type { APIBan } from 'discord-api-types/v10';
import { defineCollector } from './types.js';

const PAGE = 1000;
// The ban list has one of Discord's tightest limits (about 5 requests a minute): counting 50,000 bans would take
// ten minutes of an export for one number. Five pages fit in the first window; past that the count is "at least".
export const MAX_BAN_PAGES = 5;

/** The number of bans (only the count is kept: who was banned is personal data), up to MAX_BAN_PAGES pages. */
export const bans = defineCollector({
  name: 'bans',
  key: 'bans',
  description: 'Ban count',
  needs: { permissions: ['BanMembers'] },
  async collect(ctx) {
    let count = 0;
    let after = '0';
    for (let pages = 1; ; pages++) {
      const page = await ctx.api.get<APIBan[]>(`/guilds/${ctx.guildId}/bans`, { limit: PAGE, after });
      count += page.length;
      if (page.length < PAGE) return { count, capped: false };
      if (pages >= MAX_BAN_PAGES) return { count, capped: true };
      after = page[page.length - 1].user.id;
    }
  },
});
