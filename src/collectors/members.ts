import { defineCollector } from './types.js';

/**
 * The member list, paged and streamed to disk by the shared member scan (records never pile up in memory);
 * the export's `members` array is filled from that stream when export.json is written. With `members: counts` it
 * reads Discord's counts instead (see count-members.ts), and notes it when it had to read the list after all.
 */
export const members = defineCollector({
  name: 'members',
  key: 'members',
  description: 'Members (paged 1,000 at a time, streamed to disk)',
  needs: { intents: ['GuildMembers'] },
  async collect(ctx) {
    const scan = await ctx.sources.memberScan();
    if (scan?.fallback) ctx.note(scan.fallback);
    if (scan?.error) ctx.partial(scan.error, this.needs);
    const skipped = scan?.skipped.notice('member');
    if (skipped) ctx.partial(skipped);
    return [];
  },
});
