// The practical floor for the demo's request pattern: the same two round trips replayed with plain fetch (no
// client library, no exporter, warm code, the second round on sockets opened during the first, as the exporter
// does), so the fake's and the HTTP stack's own costs on this machine show.
import { fetch } from 'undici';
import { Connections } from '../build/discord/connections.js';

const ROUTES = ['auto-moderation/rules', 'invites', 'webhooks', 'scheduled-events?with_user_count=true', 'integrations',
  'welcome-screen', 'onboarding', 'bans?limit=1000', 'soundboard-sounds', 'threads/active', 'audit-logs?action_type=28&limit=100'];

/** Replays the export's two round trips (every guild-level read, then what needs the channel list or the
 * first member page) and returns the fake's span. */
export async function plainFetchFloor(fake, guildId, token) {
  const headers = { authorization: `Bot ${token}` };
  const connections = new Connections(fake.apiBase);
  const get = (path) => fetch(`${fake.apiBase}/v10${path}`, { headers, dispatcher: connections.agent }).then((r) => r.json());
  fake.resetStats();
  setImmediate(() => connections.warm(47));
  const [, channels, page1] = await Promise.all([
    get(`/guilds/${guildId}?with_counts=true`), get(`/guilds/${guildId}/channels`), get(`/guilds/${guildId}/members?limit=1000&after=0`),
    ...ROUTES.map((r) => get(`/guilds/${guildId}/${r}`)),
  ]);
  const second = [];
  if (page1.length === 1000) second.push(get(`/guilds/${guildId}/members?limit=1000&after=${page1[999].user.id}`));
  for (const c of channels) {
    if ([0, 5, 15, 16].includes(c.type)) second.push(get(`/channels/${c.id}/threads/archived/public?limit=100`));
    if (c.type === 0) second.push(get(`/channels/${c.id}/threads/archived/private?limit=100`));
  }
  await Promise.all(second);
  await connections.close();
  const st = fake.stats();
  return st.lastResponseAt - st.firstRequestAt;
}
