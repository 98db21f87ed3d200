import type { APIBan } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { readList, SkipTally } from './payload.js';
import { snowflakeMovedOn, StuckCursorError } from './cursor.js';

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
    const route = `/guilds/${ctx.guildId}/bans` as const;
    const skipped = new SkipTally(route);
    let count = 0;
    let after = '0';
    const done = (capped: boolean) => {
      // A ban record without a user is still a ban (counted); it only cannot be paged on.
      const notice = skipped.notice('ban');
      if (notice) ctx.partial(notice);
      return { count, capped };
    };
    for (let pages = 1; ; pages++) {
      const body = await ctx.api.get<unknown>(route, { limit: PAGE, after });
      const page = readList<APIBan>(route, body, { 'user.id': 'string' });
      skipped.merge(page.skipped);
      const size = page.items.length + page.skipped.total;
      count += size;
      if (size < PAGE) return done(false);
      const last = page.items[page.items.length - 1]?.user.id;
      if (pages >= MAX_BAN_PAGES || !last) return done(true);
      if (!snowflakeMovedOn(after, last, 'after')) throw new StuckCursorError(route, 'after', after, last, `${count} bans`);
      after = last;
    }
  },
});
