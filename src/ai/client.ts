import type { OpenAI } from 'openai';
import type { AiSettings } from './settings.js';

/** The openai package, loaded on first use: runs without --ai never parse it (it is a chunk of its own in the bundles). */
export type OpenAIModule = typeof import('openai');
let loading: Promise<OpenAIModule> | null = null;
export function loadOpenAI(): Promise<OpenAIModule> {
  loading ??= import('openai');
  return loading;
}

/** Retries after a 429 or 5xx: enough to ride out a burst limit, few enough to stay inside the deadline. */
const MAX_RETRIES = 2;
/** The longest retry-after the client may wait out; a longer one (a daily quota says hours) ends the review. */
export const MAX_RETRY_WAIT_MS = 20_000;

/**
 * The OpenAI client for the settings' endpoint. Everything is explicit, so no OPENAI_* variable of the runner's
 * environment (organisation, project, admin key, base URL) reaches another endpoint than the one configured.
 */
export function createClient(mod: OpenAIModule, settings: AiSettings): OpenAI {
  return new mod.OpenAI({
    baseURL: settings.endpoint.replace(/\/+$/, ''),
    // A local server (Ollama) needs no key, but the client insists on one: the header it would carry is removed.
    apiKey: settings.apiKey ?? 'none',
    defaultHeaders: settings.apiKey === null ? { authorization: null } : undefined,
    adminAPIKey: null,
    organization: null,
    project: null,
    timeout: settings.timeoutMs,
    maxRetries: MAX_RETRIES,
    logLevel: 'off',
    fetch: boundedRetryFetch,
  });
}

/** The largest answer body read: a chat completion of a few thousand tokens is a few tens of kilobytes. */
export const MAX_RESPONSE_BYTES = 2_000_000;

/**
 * fetch with three bounds the client lacks. Redirects are never followed: fetch would re-send the prompt (and,
 * across origins, drop or keep headers by its own rules) to wherever the endpoint points, so a 3xx comes back as
 * an answer and ends the review. It tells the client not to retry when the server asks for a wait longer than
 * MAX_RETRY_WAIT_MS (the client would retry on its own short backoff, spending more of a daily quota on certain
 * refusals), nor after a redirect; and it stops reading a body past MAX_RESPONSE_BYTES (an endless body would fill
 * memory).
 */
async function boundedRetryFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  const headers = new Headers(response.headers);
  const wait = response.status === 429 || response.status >= 500 ? retryAfterMs(response.headers) : null;
  if ((wait !== null && wait > MAX_RETRY_WAIT_MS) || isRedirect(response.status)) headers.set('x-should-retry', 'false');
  const body = response.body && !NULL_BODY_STATUSES.has(response.status) ? capped(response.body) : null;
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** Statuses a Response may not be built with a body for. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function isRedirect(status: number | undefined): boolean {
  return typeof status === 'number' && status >= 300 && status < 400;
}

function capped(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > MAX_RESPONSE_BYTES) controller.error(new Error(`the answer is larger than ${MAX_RESPONSE_BYTES / 1_000_000} MB, which no chat completion needs: check the endpoint`));
      else controller.enqueue(chunk);
    },
  }));
}

/** The wait a response asks for (retry-after-ms, retry-after in seconds or as a date), or null. */
export function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}
