/**
 * The input limit when none is given: small enough for every hosted chat model and for a local model with an 8k
 * context, large enough for a useful review of a mid-sized server. Larger models take a larger value.
 */
export const DEFAULT_AI_MAX_INPUT_TOKENS = 8_000;
/** Longest wait for an answer, retries included: a review must not hold up the run it belongs to. */
export const DEFAULT_AI_TIMEOUT_MS = 120_000;
/** Where the provider settings are explained, for the messages that ask for them. */
export const AI_DOCS = 'docs/ai-review.md';

/** Where the settings came from, so a warning names the knob the user can turn (an input or a flag). */
export type AiSurface = 'action' | 'cli';

/** Everything one AI review needs, validated, with no IO left to do. */
export interface AiSettings {
  endpoint: string;
  /** Null only for a loopback endpoint (a local server such as Ollama needs no key). */
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

const NAMES = {
  action: { enable: 'ai-review: true', endpoint: 'ai-endpoint', token: 'ai-token', model: 'ai-model', maxInput: 'ai-max-input-tokens', timeout: 'ai-timeout' },
  cli: { enable: '--ai', endpoint: '--ai-endpoint (or OPENAI_BASE_URL)', token: 'OPENAI_API_KEY', model: '--ai-model', maxInput: '--ai-max-input-tokens', timeout: '--ai-timeout' },
} as const;

/** What to give when no endpoint is configured, with a hosted and a local example, on one line. */
const MISSING_ENDPOINT = {
  action: `ai-review: true needs an OpenAI-compatible endpoint and its key: ai-endpoint (e.g. https://api.openai.com/v1) with ai-token (e.g. \${{ secrets.OPENAI_API_KEY }}) and ai-model (e.g. gpt-4.1-mini), or ai-endpoint: http://localhost:11434/v1 for a local Ollama (no key); other providers in ${AI_DOCS}.`,
  cli: `--ai needs an OpenAI-compatible endpoint and its key: --ai-endpoint URL (or OPENAI_BASE_URL) with OPENAI_API_KEY and --ai-model, e.g. --ai-endpoint https://api.openai.com/v1 --ai-model gpt-4.1-mini with OPENAI_API_KEY=sk-..., or --ai-endpoint http://localhost:11434/v1 for a local Ollama (no key); other providers in ${AI_DOCS}.`,
} as const;

/**
 * True for an endpoint on this machine (127.0.0.0/8, ::1, localhost): the only place a prompt may go over plain
 * http and without a key, since nothing crosses a network.
 */
export function isLoopback(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  // The URL parser has already normalised IPv4 forms such as 127.1 or 0x7f.0.0.1 to dotted decimal.
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** GitHub's token prefixes (installation, personal, OAuth, user-to-server, refresh, fine-grained). */
const GITHUB_TOKEN = /^(?:gh[opsur]_|github_pat_)/;

/**
 * Validates raw values from either surface; returns the settings, or the problems found, each naming the input or
 * flag and what to give. There is no default endpoint or model: no one provider serves everyone.
 */
export function parseAiSettings(
  raw: { endpoint?: string | null; apiKey?: string | null; model?: string | null; maxInputTokens?: string | null; timeoutMs?: string | null },
  surface: AiSurface,
): { settings: AiSettings | null; problems: string[] } {
  const names = NAMES[surface];
  const problems: string[] = [];
  const endpoint = (raw.endpoint ?? '').trim();
  const apiKey = (raw.apiKey ?? '').trim() || null;
  if (!endpoint) {
    problems.push(MISSING_ENDPOINT[surface]);
  } else if (!/^https?:\/\/[^\s]+$/i.test(endpoint) || !URL.canParse(endpoint)) {
    problems.push(`${names.endpoint} must be the https:// base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1, or http://localhost:11434/v1 for a local Ollama (got "${endpoint.slice(0, 120)}").`);
  } else {
    const url = new URL(endpoint);
    const local = isLoopback(endpoint);
    if (url.username || url.password) {
      problems.push(`${names.endpoint} must not hold a user name or password: give the key in ${names.token}.`);
    } else if (url.protocol === 'http:' && !local) {
      problems.push(`${names.endpoint} must use https:// (got "${endpoint.slice(0, 120)}"): over http:// the prompt and the key would cross the network readable by anyone on the way. Plain http:// is accepted only for an endpoint on this machine (localhost, 127.0.0.1, ::1), such as a local Ollama.`);
    } else if (!apiKey && !local) {
      problems.push(`${names.token} is required for ${names.endpoint} ${url.host}: give that provider's API key${surface === 'action' ? ' from a secret, e.g. `${{ secrets.OPENAI_API_KEY }}`' : ''}. Only an endpoint on this machine (localhost, 127.0.0.1, ::1) may go without one.`);
    }
  }
  if (apiKey && GITHUB_TOKEN.test(apiKey)) {
    problems.push(`${names.token} holds a GitHub token: a GitHub token is only ever sent to GitHub's API, never to a model endpoint. Give the model provider's own API key.`);
  }
  const model = (raw.model ?? '').trim();
  if (!model) {
    if (endpoint) problems.push(`${names.model} is required: the model id as ${endpoint.slice(0, 120)} names it, e.g. gpt-4.1-mini (OpenAI), gemini-2.5-flash (Gemini) or llama3.2 (Ollama).`);
  } else if (model.length > 200 || /[\s\0-\x1f]/.test(model)) {
    problems.push(`${names.model} must be a model id without spaces, e.g. gpt-4.1-mini (got "${model.slice(0, 80)}").`);
  }
  const maxInputTokens = wholeNumber(raw.maxInputTokens, DEFAULT_AI_MAX_INPUT_TOKENS, 1_000, 2_000_000, names.maxInput, 'tokens', problems);
  const timeoutMs = wholeNumber(raw.timeoutMs, DEFAULT_AI_TIMEOUT_MS, 1_000, 3_600_000, names.timeout, 'milliseconds', problems);
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
