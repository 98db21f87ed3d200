/** GitHub Models' small chat model: free within the repository's quota, good enough for a configuration review. */
export const DEFAULT_AI_MODEL = 'openai/gpt-4o-mini';
/** GitHub Models' OpenAI-compatible inference endpoint (chat completions at `<endpoint>/chat/completions`). */
export const DEFAULT_AI_ENDPOINT = 'https://models.github.ai/inference';
/** GitHub Models' free tier accepts about 8,000 input tokens per request for the common models. */
export const DEFAULT_AI_MAX_INPUT_TOKENS = 8_000;
/** Longest wait for an answer, retries included: a review must not hold up the run it belongs to. */
export const DEFAULT_AI_TIMEOUT_MS = 120_000;

/** Where the settings came from, so a warning names the knob the user can turn (an input or a flag). */
export type AiSurface = 'action' | 'cli';

/** Everything one AI review needs, validated, with no IO left to do. */
export interface AiSettings {
  endpoint: string;
  /** Null: no key (a local server such as Ollama needs none). */
  apiKey: string | null;
  model: string;
  maxInputTokens: number;
  /** Overall deadline in ms, retries included. */
  timeoutMs: number;
  surface: AiSurface;
}

/** The names of the knobs on each surface, for the warnings' "how to fix". */
export const KNOBS = {
  action: { token: 'the `ai-token` input', endpoint: 'the `ai-endpoint` input', model: 'the `ai-model` input', maxInput: 'the `ai-max-input-tokens` input' },
  cli: { token: 'OPENAI_API_KEY', endpoint: '--ai-endpoint (or OPENAI_BASE_URL)', model: '--ai-model', maxInput: '--ai-max-input-tokens' },
} as const;

/**
 * True for GitHub Models' endpoint (its host, or its API's `/inference` or `/orgs/<org>/inference` base path),
 * whose 403 means the job lacks `permissions: models: read`.
 */
export function isGitHubModels(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return url.hostname === 'models.github.ai' || /^(?:\/orgs\/[^/]+)?\/inference\/?$/.test(url.pathname);
  } catch {
    return false;
  }
}

/**
 * Validates raw values from either surface (empty means the default); returns the settings, or the problems found,
 * each naming the input or flag and what to give.
 */
export function parseAiSettings(
  raw: { endpoint?: string | null; apiKey?: string | null; model?: string | null; maxInputTokens?: string | null; timeoutMs?: string | null },
  surface: AiSurface,
): { settings: AiSettings | null; problems: string[] } {
  const names = surface === 'action'
    ? { endpoint: 'ai-endpoint', model: 'ai-model', maxInput: 'ai-max-input-tokens', timeout: 'ai-timeout' }
    : { endpoint: '--ai-endpoint (or OPENAI_BASE_URL)', model: '--ai-model', maxInput: '--ai-max-input-tokens', timeout: '--ai-timeout' };
  const problems: string[] = [];
  const endpoint = (raw.endpoint ?? '').trim() || DEFAULT_AI_ENDPOINT;
  if (!/^https?:\/\/[^\s]+$/i.test(endpoint) || !URL.canParse(endpoint)) {
    problems.push(`${names.endpoint} must be an http(s) URL of an OpenAI-compatible API, e.g. ${DEFAULT_AI_ENDPOINT} or http://localhost:11434/v1 (got "${endpoint}").`);
  }
  const model = (raw.model ?? '').trim() || DEFAULT_AI_MODEL;
  if (model.length > 200 || /[\s\0-\x1f]/.test(model)) problems.push(`${names.model} must be a model id without spaces, e.g. ${DEFAULT_AI_MODEL} (got "${model.slice(0, 80)}").`);
  const maxInputTokens = wholeNumber(raw.maxInputTokens, DEFAULT_AI_MAX_INPUT_TOKENS, 1_000, 2_000_000, names.maxInput, 'tokens', problems);
  const timeoutMs = wholeNumber(raw.timeoutMs, DEFAULT_AI_TIMEOUT_MS, 1_000, 3_600_000, names.timeout, 'milliseconds', problems);
  const apiKey = (raw.apiKey ?? '').trim() || null;
  if (problems.length) return { settings: null, problems };
  return { settings: { endpoint, apiKey, model, maxInputTokens, timeoutMs, surface }, problems };
}

function wholeNumber(value: string | null | undefined, fallback: number, min: number, max: number, name: string, unit: string, problems: string[]): number {
  const text = (value ?? '').trim();
  if (!text) return fallback;
  const n = Number(text);
  if (/^\d+$/.test(text) && n >= min && n <= max) return n;
  problems.push(`${name} must be a whole number of ${unit} from ${min} to ${max} (got "${text.slice(0, 40)}").`);
  return fallback;
}
