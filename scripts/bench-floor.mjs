// The practical floor for the demo's request pattern, run as its own process like the export (bench.mjs reads
// the fake's figures in between): the same two round trips replayed with undici's bare request() (no client
// library, no exporter, the first round on sockets opened for it and the second on sockets opened during the
// first, as the exporter does), BENCH_RUNS times in one process, so after the first its code is warm. What it
// cannot beat is the fake's and the HTTP stack's own cost on this machine.
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { Connections } from '../build/discord/connections.js';

const ROUTES = ['auto-moderation/rules', 'invites', 'webhooks', 'scheduled-events?with_user_count=true', 'integrations',
  'welcome-screen', 'onboarding', 'bans?limit=1000', 'soundboard-sounds', 'threads/active', 'audit-logs?action_type=28&limit=100'];

const env = process.env;
const guildId = env.BENCH_GUILD;
const apiBase = env.BENCH_API_BASE;
const headers = { authorization: `Bot ${env.BENCH_TOKEN}` };
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let run = 0; run < Number(env.BENCH_RUNS ?? 1); run++) {
  if (run > 0) await lines.next();
  const started = performance.now();
  await twoRoundTrips();
  process.stdout.write(JSON.stringify({ exportMs: performance.now() - started, status: 'complete', requests: 0 }) + '\n');
}
process.exit(0);

/** Every guild-level read, then what needs the channel list or the first member page. */
async function twoRoundTrips() {
  const connections = new Connections(apiBase);
  const get = (path) => request(`${apiBase}/v10${path}`, { headers, dispatcher: connections.agent }).then((r) => r.body.json());
  await connections.ready(16);
  setImmediate(() => connections.warm(34));
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
}
