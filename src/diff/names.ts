import type { GuildExport } from '../schema/types.js';
import { notCollected } from '../schema/coverage.js';

/** Display names for ids seen in either export (the newer name wins), for readable summaries. */
export interface NameBook {
  role(id: string): string;
  channel(id: string | null): string;
}

/** Collects role and channel names from both exports. */
export function nameBook(before: GuildExport, after: GuildExport): NameBook {
  const roles = new Map<string, string>();
  const channels = new Map<string, string>();
  for (const exp of [before, after]) {
    for (const r of exp.roles) roles.set(r.id, r.is_everyone ? '@everyone' : r.name);
    for (const c of exp.channels) channels.set(c.id, c.name);
    for (const t of exp.threads) channels.set(t.id, t.name);
  }
  // @everyone's id is the guild's, whether or not the roles were read.
  for (const exp of [before, after]) {
    const guild = exp.server?.id ?? exp.meta?.scope?.guild_id;
    if (guild) roles.set(guild, '@everyone');
  }
  const rolesMissing = notCollected(before, 'roles') !== null || notCollected(after, 'roles') !== null;
  return {
    role: (id) => roles.get(id) ?? (rolesMissing ? `${id} (not collected)` : `${id} (not in either export)`),
    channel: (id) => (id === null ? 'no channel' : channels.has(id) ? `#${channels.get(id)}` : `channel ${id} (not in either export)`),
  };
}
