import { coverageOf, notCollected } from './coverage.js';
import type { GuildExport } from './types.js';

/** The export's headline counts; null when what they count was not collected (never 0 for "unknown"). */
export interface Totals {
  roles: number | null;
  channels: number | null;
  members: number | null;
  bots: number | null;
}

/**
 * One source for the totals every renderer shows (summary, audit prompt, CLI). Member aggregates count only when
 * the whole member list was read: counted from part of it (records without `user`, a failed page, --max-members)
 * they are too low, so the member total falls back to the server's own count.
 */
export function totalsOf(exp: GuildExport): Totals {
  const stats = coverageOf(exp, 'member_stats').state === 'collected' ? exp.member_stats : null;
  const serverCount = notCollected(exp, 'server') === null ? exp.server?.member_count ?? null : null;
  return {
    roles: notCollected(exp, 'roles') === null ? exp.roles.length : null,
    channels: notCollected(exp, 'channels') === null ? exp.channels.length : null,
    members: stats?.total ?? serverCount,
    // Bots that could not all be identified (a managed role no known bot explains) have no total either.
    bots: coverageOf(exp, 'bots').state === 'collected' ? stats?.bots ?? exp.bots.length : null,
  };
}
