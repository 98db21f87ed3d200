import { STATUS_CODES } from 'node:http';
import type { ResponseLike } from '@discordjs/rest';
import { request, type Dispatcher, type RequestInit } from 'undici';
import { redact } from '../config/redact.js';
import { ExportNotice, isTokenAnswer } from './errors.js';
import { RateLimitGuard } from './rate-limit-guard.js';

/**
 * The largest response body read (32 MiB). The largest real answers are member pages: 1,000 members are about
 * 0.5 MB, and even 1,000 members each holding 250 roles stay near 6 MB. Anything past this is a broken or hostile
 * server (or proxy) streaming without end; reading on would only fill memory.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface RequestLimits {
  /** The whole request, from sending to the last byte of the body (ms). */
  timeoutMs: number;
  /** The largest body read before the request fails (bytes). */
  maxBodyBytes?: number;
  /** Values no answer may bring into the export (the bot token, bare): each is replaced by *** as it arrives. */
  secrets?: readonly string[];
  /** Where 429s are waited out and counted (see RateLimitGuard); one of its own when absent. */
  rateLimits?: RateLimitGuard;
}

/** Raised when a request, body included, does not finish within the timeout. Classified as a timeout (retryable). */
export class RequestTimeoutError extends Error {
  constructor(method: string, url: string, timeoutMs: number) {
    super(`${method} ${pathOf(url)} timed out: no complete answer within ${timeoutMs} ms (--timeout).`);
    this.name = 'TimeoutError';
  }
}

/**
 * The HTTP call @discordjs/rest makes for every request (its `makeRequest` option). Two things the default undici
 * strategy does not do:
 * - The whole request is bounded: the timeout covers the body as well as the headers, and the body is read here,
 *   up to `maxBodyBytes`. The client's own timeout stops once the headers are in, so a server sending headers and
 *   then a byte a second, or an endless body, would otherwise hold the export (and its memory) without limit.
 * - The headers are read in place: the default builds a WHATWG Headers from every response, validating each name
 *   and value, only for the client to read five rate-limit headers back out of it (measured, a tenth of the
 *   client's CPU between the first and the second round trip).
 * - A 429 is waited out and sent again here, bounded (see RateLimitGuard): the client would resend at once, without
 *   end, a 429 whose wait is 0 or unreadable, and would leave the timer of a refused long wait holding the process.
 * The client reads every body anyway, and the requests that share one of its queues are chains whose next request
 * needs this body, so reading it before returning costs no concurrency. The exporter only sends GETs; a body, if a
 * caller ever passes one, must already be a string or bytes.
 */
export function createMakeRequest(limits: RequestLimits): (url: string, init: RequestInit) => Promise<ResponseLike> {
  const maxBodyBytes = limits.maxBodyBytes ?? MAX_BODY_BYTES;
  const scrub = secretScrubber(limits.secrets ?? []);
  const guard = limits.rateLimits ?? new RateLimitGuard();
  return async function makeRequest(url, init) {
    const { body, signal, ...rest } = init;
    if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError('makeRequest: only string or byte bodies are supported');
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const path = pathOf(url).replace(/^\/api(\/v\d+)?/, '');
    // A 429 is waited out and sent again here, never handed to the client (see RateLimitGuard). The client's
    // signal bounds only the first attempt: its timeout runs from the call, and a retry comes after a wait.
    for (let attempt = 0; ; attempt++) {
      await guard.beforeSend(method, path);
      const sentAt = Date.now();
      const res = await attemptOnce(url, method, rest, body, attempt === 0 ? signal : undefined);
      const verdict = guard.judge(method, path, sentAt, res.status, new RawHeaders(res.headers), res.bytes);
      if (!verdict) return bufferedResponse(statusForClient(res.status, res.bytes, path), guard.screen(method, path, res.headers), scrub(res.bytes));
      if (verdict.retryInMs > 0) await guard.sleep(verdict.retryInMs);
    }
  };

  async function attemptOnce(url: string, method: string, rest: Omit<RequestInit, 'body' | 'signal'>, body: RequestInit['body'], signal: RequestInit['signal'] | undefined) {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new RequestTimeoutError(method, url, limits.timeoutMs)), limits.timeoutMs);
    // The caller's signal (the client's own header timeout) ends the request too.
    const forward = () => deadline.abort(signal?.reason);
    if (signal?.aborted) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    try {
      const res = await request(url, {
        ...(rest as Partial<Dispatcher.RequestOptions>),
        body: (body ?? null) as string | Uint8Array | null,
        signal: deadline.signal,
      });
      return { status: res.statusCode, headers: res.headers, bytes: await readBody(res, maxBodyBytes, method, url) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }
}

/**
 * The status the client is given. @discordjs/rest drops its token on any 401, failing every later request of the
 * run (every server's, in a run of several); a 401 that is not about the token (see isTokenAnswer: a proxy or a
 * compatible server refusing one server) is handed over as the 403 it means, so it fails that server alone.
 */
function statusForClient(status: number, bytes: Buffer, path: string): number {
  if (status !== 401 || bytes.length > 64 * 1024) return status;
  let code: unknown;
  try {
    code = (JSON.parse(bytes.toString('utf8')) as { code?: unknown } | null)?.code;
  } catch {
    return status;
  }
  return isTokenAnswer(status, code, path) ? status : 403;
}

/** Reads the whole body, failing as soon as it passes `max` bytes (the connection is dropped, nothing more is kept). */
async function readBody(res: Dispatcher.ResponseData, max: number, method: string, url: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    discard(res.body);
    throw tooLarge(method, url, max);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      chunks.length = 0;
      discard(res.body);
      throw tooLarge(method, url, max);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Drops the connection under a body nobody will read (its abort is expected, not an error to report). */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined).destroy();
}

function tooLarge(method: string, url: string, max: number): ExportNotice {
  return new ExportNotice(
    `The answer to ${method} ${pathOf(url)} was larger than ${max / (1024 * 1024)} MiB, far more than any real Discord answer: it was not read further and this part was given up.`,
    'A server or proxy that sends an endless or oversized body sits between the exporter and Discord: check --api-base / DISCORD_API_BASE and any proxy in between, then run again.',
    'BODY_TOO_LARGE',
  );
}

/**
 * What keeps a server that echoes the token (in a name, an error message) from putting it into the export, the
 * files and the logs: every body is cleaned as it arrives, before anything parses it. The token's characters need
 * no escaping in JSON, so a plain occurrence is replaced in the bytes; a body with \u escapes may spell it out
 * escaped, so such a body is parsed and its strings checked (rewritten only when one holds a secret).
 */
function secretScrubber(secrets: readonly string[]): (bytes: Buffer) => Buffer {
  const needles = [...new Set(secrets)].filter((s) => s.length >= 8);
  if (needles.length === 0) return (bytes) => bytes;
  const raw = needles.map((n) => Buffer.from(n));
  const escape = Buffer.from('\\u');
  return (bytes) => {
    let out = bytes;
    if (raw.some((n) => out.includes(n))) out = Buffer.from(redact(out.toString('latin1'), needles), 'latin1');
    if (!out.includes(escape)) return out;
    let value: unknown;
    try {
      value = JSON.parse(out.toString('utf8'));
    } catch {
      return out; // Not JSON: the client reports it as such.
    }
    let found = false;
    const clean = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (!needles.some((n) => v.includes(n))) return v;
        found = true;
        return redact(v, needles);
      }
      if (Array.isArray(v)) return v.map(clean);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [clean(k) as string, clean(x)]));
      return v;
    };
    const cleaned = clean(value);
    return found ? Buffer.from(JSON.stringify(cleaned)) : out;
  };
}

/** The response the client reads, over bytes already in memory. */
function bufferedResponse(status: number, headers: Record<string, string | string[] | undefined>, bytes: Buffer): ResponseLike {
  let used = false;
  const take = () => {
    if (used) throw new TypeError('Body is unusable: Body has already been read');
    used = true;
    return bytes;
  };
  const text = () => {
    const decoded = take().toString('utf8');
    return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  };
  return {
    body: null,
    get bodyUsed() {
      return used;
    },
    // Promises, as a fetch Response's are, over a body already read (within the request's deadline and size cap).
    arrayBuffer: () => {
      const b = take();
      return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    },
    json: () => Promise.resolve(JSON.parse(text()) as unknown),
    text: () => Promise.resolve(text()),
    headers: new RawHeaders(headers) as unknown as Headers,
    status,
    statusText: STATUS_CODES[status] ?? '',
    ok: status >= 200 && status < 300,
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The two Headers methods the client calls (get, has), over undici's parsed headers (names lower-cased). */
export class RawHeaders {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
}
