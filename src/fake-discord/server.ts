import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { APIUser } from 'discord-api-types/v10';
import { demoGuild, FAKE_BOT_TOKEN } from './demo.js';
import { MISSING_ACCESS, MISSING_PERMISSIONS, NOT_FOUND, UNAUTHORIZED, UNKNOWN_CHANNEL, UNKNOWN_GUILD, type Reply } from './errors.js';
import { CLOUDFLARE_BAN_BODY, FaultTable, NON_JSON_PAGE, statusBody } from './faults.js';
import { resolveLimits, RateLimiter, type LimitDecision } from './limits.js';
import { LowerBoundTracker } from './lower-bound.js';
import { matchRoute } from './routes.js';
import { SendQueue } from './send-queue.js';
import { SPARSE_BAD_TOKEN, SPARSE_MISSING_ROUTES, sparseBody } from './sparse.js';
import { StatsRecorder } from './stats.js';
import type { FakeChannel, FakeDiscord, FakeDiscordOptions, FakeGuild, FaultRule, TraceEntry } from './types.js';

const PREFIX = '/api/v10';
type Out = { status: number; headers: Record<string, string>; body: string | Buffer } | 'reset';

/** Starts the fake Discord API on 127.0.0.1 (ephemeral port); close() it when done. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const guilds = new Map((options.guilds ?? [demoGuild()]).map((g) => [g.guild.id, g]));
  const token = options.token ?? FAKE_BOT_TOKEN;
  const timeScale = options.timeScale ?? 1;
  const latencyMs = options.latencyMs ?? 0;
  const connectLatencyMs = options.connectLatencyMs ?? 0;
  const sparse = options.sparse === true;
  const readyAt = new WeakMap<Socket, number>();
  const limits = resolveLimits(options.limits);
  const limiter = new RateLimiter(limits, timeScale);
  const bound = new LowerBoundTracker(limiter.globalLimit, latencyMs);
  const stats = new StatsRecorder(bound, options.trace);
  const faults = new FaultTable(options.faults);
  const sends = new SendQueue();
  const first = guilds.values().next().value as FakeGuild | undefined;
  const me: APIUser = first?.botUser ?? { id: '1000000000000000000', username: 'fake-bot', discriminator: '0000', global_name: null, avatar: null, bot: true };

  const findChannel = (id: string): { guild: FakeGuild; channel: FakeChannel } | null => {
    for (const g of guilds.values()) {
      const c = g.channels.find((x) => x.id === id) ?? g.threads.find((x) => x.id === id);
      if (c) return { guild: g, channel: c as FakeChannel };
    }
    return null;
  };

  const decide = (req: IncomingMessage, arrivedAt: number): { out: Out; delayMs: number; entry: TraceEntry | null } => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : null;
    const match = path !== null && req.method === 'GET' ? matchRoute(path) : null;
    const routeKey = `${req.method} ${match ? match.route.pattern : (path ?? url.pathname).replace(/\d{17,20}/g, ':id')}`;
    const entry = stats.request(routeKey, (path ?? url.pathname) + url.search, arrivedAt);
    const fault = faults.take(routeKey);
    let delayMs = 0;
    let truncate = false;
    if (fault) {
      const injected = faultResponse(fault, timeScale);
      if (injected) {
        if (injected !== 'reset' && injected.status === 429) stats.ratelimited(false);
        return { out: injected, delayMs: latencyMs, entry };
      }
      if (fault.kind === 'slow') delayMs = fault.delayMs ?? 30_000;
      truncate = fault.kind === 'truncate';
    }
    const exhausted: Record<string, string> = fault?.kind === 'bucket-exhausted'
      ? { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': String(fault.retryAfter ?? 60), 'X-RateLimit-Reset': String((Date.now() / 1000 + (fault.retryAfter ?? 60)).toFixed(3)) }
      : {};
    const finish = (reply: Reply, given: Record<string, string> = {}) => {
      const headers = { ...given, ...exhausted };
      let body = Buffer.from(JSON.stringify(reply.body));
      if (truncate) body = body.subarray(0, Math.floor(body.length / 2));
      return { out: { status: reply.status, headers: { 'Content-Type': 'application/json', ...headers }, body }, delayMs: delayMs + latencyMs, entry };
    };
    if (req.headers.authorization !== `Bot ${token}`) return finish(sparse ? SPARSE_BAD_TOKEN() : UNAUTHORIZED());
    if (!match || (sparse && SPARSE_MISSING_ROUTES.has(match.route.pattern))) return finish(NOT_FOUND());
    const { route, params } = match;
    const major = params.guild ?? params.channel ?? 'global';
    const now = Date.now();
    const d = limiter.take(route.bucket, major, now);
    if (d.kind !== 'ok') {
      stats.ratelimited(d.kind === 'global');
      return finish(rateLimitedReply(d), limitHeaders(d, now, timeScale));
    }
    if (fault?.kind === 'stuck-cursor' && route.cursor) url.searchParams.delete(route.cursor);
    const cursor = route.cursor ? url.searchParams.get(route.cursor) : null;
    bound.record(`${route.bucket}:${major}`, { limit: d.bucket.limit, windowMs: d.bucket.windowMs },
      route.cursor ? `${routeKey} (${major})` : null, cursor);
    const headers = limitHeaders(d, now, timeScale);
    let guild: FakeGuild | undefined = first;
    let channel: FakeChannel | null = null;
    if (params.guild) {
      guild = guilds.get(params.guild);
      if (!guild) return finish(UNKNOWN_GUILD(), headers);
    } else if (params.channel) {
      const found = findChannel(params.channel);
      if (!found) return finish(UNKNOWN_CHANNEL(), headers);
      ({ guild, channel } = found);
    }
    if (route.pattern === '/guilds/:guild/members' && guild?.noMembersIntent) return finish(MISSING_ACCESS(), headers);
    if (route.needs && guild?.missingPermissions?.includes(route.needs)) return finish(MISSING_PERMISSIONS(), headers);
    if (route.pattern === '/guilds/:guild/roles' && guild?.rolesUnreadable) return finish(MISSING_PERMISSIONS(), headers);
    const reply = route.handle({ guild: guild as FakeGuild, channel, params, query: url.searchParams, me });
    if (sparse && reply.status === 200) reply.body = sparseBody(route.pattern, reply.body, guild as FakeGuild);
    if (route.pattern === '/guilds/:guild' && reply.status === 200) reply.body = withoutGuildFields(reply.body, guild as FakeGuild);
    return finish(reply, headers);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, arrivedAt: number) => {
    const { out, delayMs, entry } = decide(req, arrivedAt);
    const send = () => {
      if (res.destroyed) return;
      if (out === 'reset') {
        req.socket.destroy();
        stats.response(0, entry);
        return;
      }
      stats.response(out.status, entry);
      res.writeHead(out.status, { ...out.headers, 'Content-Length': String(out.body.length) });
      res.end(out.body);
    };
    // The latency runs from the request's arrival, so the fake's own work (building and serialising a
    // 1,000-member page) is part of the round trip instead of being added to it, as at Discord.
    if (delayMs <= 0) return send();
    sends.at(arrivedAt + delayMs, send);
  };

  const server = createServer((req, res) => {
    // A request cannot arrive before its connection's handshakes are done (see connectLatencyMs).
    const arrivedAt = Math.max(performance.now(), readyAt.get(req.socket) ?? 0);
    req.resume();
    req.on('end', () => handle(req, res, arrivedAt));
  });
  server.on('connection', (socket: Socket) => {
    stats.connection();
    readyAt.set(socket, performance.now() + connectLatencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiBase: `${url}/api`,
    guild(id) {
      const g = guilds.get(id);
      if (!g) throw new Error(`The fake Discord has no guild ${id}; pass it in startFakeDiscord({ guilds }).`);
      return g;
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (rules: FaultRule[]) => faults.set(rules),
    close: () => new Promise<void>((resolve, reject) => {
      sends.clear();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

/** The guild answer less what this guild is set up not to send (see FakeGuild.rolesUnreadable and noMemberCount). */
function withoutGuildFields(body: unknown, guild: FakeGuild): unknown {
  const g = { ...(body as Record<string, unknown>) };
  if (guild.rolesUnreadable) delete g.roles;
  if (guild.noMemberCount) for (const key of ['approximate_member_count', 'approximate_presence_count', 'member_count']) delete g[key];
  return g;
}

/** Seconds for Retry-After: whole seconds rounded up like Discord at real time, 3 decimals when time is scaled. */
function retryAfterHeader(ms: number, timeScale: number): string {
  return timeScale >= 1 ? String(Math.max(1, Math.ceil(ms / 1000))) : (ms / 1000).toFixed(3);
}

function rateLimitedReply(d: LimitDecision): Reply {
  return { status: 429, body: { message: 'You are being rate limited.', retry_after: Number((d.retryAfterMs / 1000).toFixed(3)), global: d.kind === 'global' } };
}

/** Bucket headers on every bucketed response; 429s add Retry-After and the scope. */
function limitHeaders(d: LimitDecision, now: number, timeScale: number): Record<string, string> {
  if (d.kind === 'global') {
    return { 'Retry-After': retryAfterHeader(d.retryAfterMs, timeScale), 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' };
  }
  const h: Record<string, string> = {
    'X-RateLimit-Limit': String(d.bucket.limit), 'X-RateLimit-Remaining': String(d.bucket.remaining),
    'X-RateLimit-Reset': (d.bucket.resetAt / 1000).toFixed(3), 'X-RateLimit-Reset-After': ((d.bucket.resetAt - now) / 1000).toFixed(3),
    'X-RateLimit-Bucket': d.bucket.hash,
  };
  if (d.kind === 'route') Object.assign(h, { 'Retry-After': retryAfterHeader(d.retryAfterMs, timeScale), 'X-RateLimit-Scope': 'user' });
  return h;
}

/** The response an injected fault replaces the real one with; null for faults that alter the real one. */
function faultResponse(f: FaultRule, timeScale: number): Out | null {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Out =>
    ({ status, headers: { 'Content-Type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) });
  switch (f.kind) {
    case 'reset': return 'reset';
    case 'status': return json(f.status ?? 500, statusBody(f.status ?? 500));
    case 'ratelimit': {
      const s = f.retryAfter ?? 1;
      const body: Record<string, unknown> = { message: 'You are being rate limited.', retry_after: s, global: f.global === true };
      if (f.retryAfterBody === null) delete body.retry_after;
      else if (f.retryAfterBody !== undefined) body.retry_after = f.retryAfterBody;
      const headers: Record<string, string> = f.global ? { 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' } : { 'X-RateLimit-Scope': 'user' };
      const header = f.retryAfterHeader === undefined ? retryAfterHeader(s * 1000, timeScale) : f.retryAfterHeader;
      if (header !== null) headers['Retry-After'] = header;
      return json(429, body, headers);
    }
    case 'cloudflare-ban':
      return { status: 429, headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'Retry-After': String(Math.ceil(f.retryAfter ?? 3 * 3600)) }, body: Buffer.from(CLOUDFLARE_BAN_BODY) };
    case 'non-json': return { status: f.status ?? 502, headers: { 'Content-Type': 'text/html' }, body: Buffer.from(NON_JSON_PAGE) };
    default: return null;
  }
}
