import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { APIUser } from 'discord-api-types/v10';
import { demoGuild, FAKE_BOT_TOKEN } from './demo.js';
import { MISSING_ACCESS, MISSING_PERMISSIONS, NOT_FOUND, UNAUTHORIZED, UNKNOWN_CHANNEL, UNKNOWN_GUILD, type Reply } from './errors.js';
import { CLOUDFLARE_BAN_BODY, FaultTable, NON_JSON_PAGE, statusBody } from './faults.js';
import { limitHeaders, rateLimitedReply, retryAfterHeader } from './limit-headers.js';
import { resolveLimits, RateLimiter } from './limits.js';
import { LowerBoundTracker } from './lower-bound.js';
import { matchRoute } from './routes.js';
import { SendQueue } from './send-queue.js';
import { SPARSE_BAD_TOKEN, SPARSE_MISSING_ROUTES, sparseBody } from './sparse.js';
import { StatsRecorder } from './stats.js';
import type { FakeChannel, FakeDiscord, FakeDiscordOptions, FakeGuild, FaultRule, TraceEntry, WriteRecord } from './types.js';
import { MAX_BODY_BYTES, serveWrite, writeRouteKey } from './write-dispatch.js';

const PREFIX = '/api/v10';
type Out = { status: number; headers: Record<string, string>; body: string | Buffer } | 'reset' | 'hang';

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

  const waiters: { n: number; resolve: () => void }[] = [];
  const wroteOk = (count: number) => {
    for (const w of waiters.filter((x) => x.n <= count)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  };
  let okWrites = 0;

  type Decision = { out: Out; delayMs: number; entry: TraceEntry | null; write: WriteRecord | null };
  const decide = (req: IncomingMessage, arrivedAt: number, raw: Buffer | 'too-large'): Decision => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : null;
    const method = req.method ?? 'GET';
    const isWrite = method !== 'GET' && method !== 'HEAD';
    const match = path !== null && method === 'GET' ? matchRoute(path) : null;
    const routeKey = isWrite && path !== null ? writeRouteKey(method, path)
      : `${method} ${match ? match.route.pattern : (path ?? url.pathname).replace(/\d{17,20}/g, ':id')}`;
    const entry = stats.request(routeKey, (path ?? url.pathname) + url.search, arrivedAt);
    const write = isWrite ? stats.write(method, path ?? url.pathname, auditReason(req.headers['x-audit-log-reason'])) : null;
    const fault = faults.take(routeKey);
    let delayMs = 0;
    let truncate = false;
    if (fault) {
      const injected = faultResponse(fault, timeScale);
      if (injected) {
        if (typeof injected === 'object' && injected.status === 429) stats.ratelimited(false);
        return { out: injected, delayMs: latencyMs, entry, write };
      }
      if (fault.kind === 'slow') delayMs = fault.delayMs ?? 30_000;
      truncate = fault.kind === 'truncate';
    }
    const finish = (reply: Reply, headers: Record<string, string> = {}) => {
      let body = Buffer.from(JSON.stringify(reply.body));
      if (truncate) body = body.subarray(0, Math.floor(body.length / 2));
      // 204 carries no body at all, as Discord sends it.
      if (reply.status === 204) body = Buffer.alloc(0);
      const type: Record<string, string> = reply.status === 204 ? {} : { 'Content-Type': 'application/json' };
      return { out: { status: reply.status, headers: { ...type, ...headers }, body }, delayMs: delayMs + latencyMs, entry, write };
    };
    if (req.headers.authorization !== `Bot ${token}`) return finish(sparse ? SPARSE_BAD_TOKEN() : UNAUTHORIZED());
    if (isWrite) {
      if (path === null) return finish(NOT_FOUND());
      const served = serveWrite({ guilds, findChannel, limiter, bound, stats, timeScale }, method, path, raw);
      return finish(served.reply, served.headers);
    }
    if (!match || (sparse && SPARSE_MISSING_ROUTES.has(match.route.pattern))) return finish(NOT_FOUND());
    const { route, params } = match;
    const major = params.guild ?? params.channel ?? 'global';
    const now = Date.now();
    const d = limiter.take(route.bucket, major, now);
    if (d.kind !== 'ok') {
      stats.ratelimited(d.kind === 'global');
      return finish(rateLimitedReply(d), limitHeaders(d, now, timeScale));
    }
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

  const handle = (req: IncomingMessage, res: ServerResponse, arrivedAt: number, raw: Buffer | 'too-large') => {
    const { out, delayMs, entry, write } = decide(req, arrivedAt, raw);
    if (out === 'hang') return;
    const send = () => {
      if (res.destroyed) return;
      if (out === 'reset') {
        req.socket.destroy();
        stats.response(0, entry);
        if (write) stats.answered(write, 0);
        return;
      }
      stats.response(out.status, entry);
      if (write) {
        okWrites = stats.answered(write, out.status);
        wroteOk(okWrites);
      }
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
    // Bodies are kept up to the cap; past it the rest is read and dropped, and the write is refused (413).
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => { size += chunk.length; if (size <= MAX_BODY_BYTES) chunks.push(chunk); });
    req.on('end', () => handle(req, res, arrivedAt, size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
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
    resetStats: () => { stats.reset(); okWrites = 0; },
    setFaults: (rules: FaultRule[]) => faults.set(rules),
    waitForWrites: (n: number) => new Promise<void>((resolve) => {
      if (okWrites >= n) resolve();
      else waiters.push({ n, resolve });
    }),
    close: () => new Promise<void>((resolve, reject) => {
      sends.clear();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

/** The X-Audit-Log-Reason header as the audit log shows it: URL-decoded (kept raw when it does not decode). */
function auditReason(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The guild answer less what this guild is set up not to send (see FakeGuild.rolesUnreadable and noMemberCount). */
function withoutGuildFields(body: unknown, guild: FakeGuild): unknown {
  const g = { ...(body as Record<string, unknown>) };
  if (guild.rolesUnreadable) delete g.roles;
  if (guild.noMemberCount) for (const key of ['approximate_member_count', 'approximate_presence_count', 'member_count']) delete g[key];
  return g;
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
      return json(429, { message: 'You are being rate limited.', retry_after: s, global: false },
        { 'Retry-After': retryAfterHeader(s * 1000, timeScale), 'X-RateLimit-Scope': 'user' });
    }
    case 'cloudflare-ban':
      return { status: 429, headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'Retry-After': String(Math.ceil(f.retryAfter ?? 3 * 3600)) }, body: Buffer.from(CLOUDFLARE_BAN_BODY) };
    case 'hang': return 'hang';
    case 'non-json': return { status: f.status ?? 502, headers: { 'Content-Type': 'text/html' }, body: Buffer.from(NON_JSON_PAGE) };
    default: return null;
  }
}
