import { oneLine } from '../text/escape.js';
import { retryAfterMs } from './client.js';
import { isGitHubModels, KNOBS, type AiSettings } from './settings.js';

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
  switch (e.status) {
    case 401:
      return `${prefix}the endpoint rejected the token (401).${said} Give a valid key in ${knobs.token}${isGitHubModels(settings.endpoint) ? ' (for GitHub Models: a token with the models permission)' : ''}.`;
    case 403:
      return isGitHubModels(settings.endpoint)
        ? `${prefix}GitHub Models refused the request (403).${said} ${settings.surface === 'action' ? 'Add `permissions: models: read` to the job (or the workflow), or pass a token allowed to use GitHub Models in the `ai-token` input.' : 'Set OPENAI_API_KEY to a GitHub token allowed to use GitHub Models (a fine-grained token with the Models permission).'}`
        : `${prefix}the endpoint refused the request (403).${said} Check that the key in ${knobs.token} may use the model ${settings.model}.`;
    case 404:
      return `${prefix}the endpoint does not know the model or the path (404).${said} Check ${knobs.model}${isGitHubModels(settings.endpoint) ? ' (GitHub Models ids look like openai/gpt-4o-mini; see https://github.com/marketplace?type=models)' : ''} and ${knobs.endpoint} (the base URL, without /chat/completions).`;
    case 413:
      return `${prefix}the prompt is larger than the model accepts (413).${said} Lower ${knobs.maxInput} (now ${settings.maxInputTokens}).`;
    case 429: {
      const wait = retryAfterMs(e.headers);
      const when = wait === null ? '' : ` (the endpoint asks to wait ${duration(wait)}, which is not waited out)`;
      const quota = isGitHubModels(settings.endpoint) ? ' GitHub Models\' free tier has a daily request quota per model: the next scheduled run may pass, or choose another model in ' + knobs.model + '.' : ` Try again later or choose another model in ${knobs.model}.`;
      return `${prefix}rate limit reached (429)${when}.${said}${quota}`;
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
