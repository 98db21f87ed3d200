import { oneLine } from '../text/escape.js';
import { isRedirect, retryAfterMs } from './client.js';
import { AI_DOCS, KNOBS, type AiSettings } from './settings.js';

/** Why a review produced nothing usable, beyond what an HTTP error says. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';
}

interface ApiErrorLike {
  status?: number;
  headers?: Headers;
  message?: string;
  error?: unknown;
}

/**
 * One warning line for a failed review: what happened and how to fix it, naming the input or flag to change.
 * The endpoint's own message is quoted on one line, bounded (it is outside text).
 */
export function describeFailure(err: unknown, settings: AiSettings, kind: 'timeout' | 'connection' | 'other'): string {
  const knobs = KNOBS[settings.surface];
  const where = oneLine(`${settings.model} at ${hostOf(settings.endpoint)}`, 200);
  const prefix = `AI review skipped (${where}): `;
  if (err instanceof ReviewError) return prefix + err.message;
  const e = (err ?? {}) as ApiErrorLike;
  const said = e.message ? ` The endpoint said: "${oneLine(String(e.message), 200).replace(/\.$/, '')}".` : '';
  if (kind === 'timeout') {
    const wait = `no answer within ${Math.round(settings.timeoutMs / 1000)} s.`;
    return settings.surface === 'cli'
      ? `${prefix}${wait} Try again with a longer --ai-timeout (milliseconds), a smaller model (--ai-model) or a smaller prompt (--ai-max-input-tokens).`
      : `${prefix}${wait} The export and snapshot are unaffected and the next run tries again; a smaller model (the \`ai-model\` input) or prompt (the \`ai-max-input-tokens\` input) answers sooner.`;
  }
  if (isRedirect(e.status)) {
    const to = locationHost(e.headers?.get('location'), settings.endpoint);
    const target = to ? ` to ${oneLine(to, 120)}` : '';
    return `${prefix}the endpoint answered with a redirect (${e.status})${target}, which is not followed: the prompt and the key go only to the endpoint configured. Set ${knobs.endpoint} to the API's own base URL (check the scheme, the host and the path up to, not including, /chat/completions).`;
  }
  switch (e.status) {
    case 401:
      return `${prefix}the endpoint rejected the key (401).${said} Give a valid key for this endpoint in ${knobs.token}.`;
    case 403:
      return `${prefix}the endpoint refused the request (403).${said} Check that the key in ${knobs.token} may use the model ${settings.model}.`;
    case 404:
      return `${prefix}the endpoint does not know the model or the path (404).${said} Check ${knobs.model} (the provider's own model id) and ${knobs.endpoint} (the base URL, without /chat/completions).`;
    case 410:
      return `${prefix}the endpoint is gone (410): the service was retired.${said} Choose another OpenAI-compatible provider in ${knobs.endpoint} (see ${AI_DOCS}).`;
    case 413:
      return `${prefix}the prompt is larger than the model accepts (413).${said} Lower ${knobs.maxInput} (now ${settings.maxInputTokens}).`;
    case 429: {
      const wait = retryAfterMs(e.headers);
      const when = wait === null ? '' : ` (the endpoint asks to wait ${duration(wait)}, which is not waited out)`;
      return `${prefix}rate limit reached (429)${when}.${said} The next run may pass (a daily quota resets), or choose another model in ${knobs.model}.`;
    }
    case 400:
      return `${prefix}the endpoint rejected the request (400).${said} If it names the input size, lower ${knobs.maxInput} (now ${settings.maxInputTokens}); if it names the model, check ${knobs.model}.`;
  }
  if (typeof e.status === 'number' && e.status >= 500) {
    return `${prefix}the endpoint failed (${e.status}) after retries.${said} It is on the endpoint's side: the next run will try again.`;
  }
  if (kind === 'connection') {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return `${prefix}could not reach ${settings.endpoint}${detail ? ` (${oneLine(String(detail), 120)})` : ''}. Check ${knobs.endpoint}; for a local server, check that it is running.`;
  }
  return `${prefix}${oneLine(String((err as Error | null)?.message ?? err), 300).replace(/\.$/, '')}. Check ${knobs.endpoint} and ${knobs.model}.`;
}

/** "3 h 5 min", "40 s": a retry-after in words. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** The host a redirect points to (outside text: a host or nothing). */
function locationHost(location: string | null | undefined, base: string): string | null {
  if (!location) return null;
  try {
    return new URL(location, base).host || null;
  } catch {
    return null;
  }
}
