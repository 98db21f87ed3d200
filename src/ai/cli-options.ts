import { ConfigError } from '../config/validate.js';
import { AI_DOCS, DEFAULT_AI_MAX_INPUT_TOKENS, DEFAULT_AI_TIMEOUT_MS, parseAiSettings, type AiSettings } from './settings.js';

/** The AI review's options, for node:util parseArgs (`export` and `audit`). */
export const AI_CLI_OPTIONS = {
  ai: { type: 'boolean' },
  'ai-endpoint': { type: 'string' },
  'ai-model': { type: 'string' },
  'ai-max-input-tokens': { type: 'string' },
  'ai-timeout': { type: 'string' },
} as const;

export type AiCliValues = { ai?: boolean } & Partial<Record<Exclude<keyof typeof AI_CLI_OPTIONS, 'ai'>, string>>;

/** The options' lines for a command's --help. */
export const AI_CLI_HELP = `  --ai                   ask a language model to review the audit: writes ai-review.md (key: env OPENAI_API_KEY)
  --ai-endpoint URL      OpenAI-compatible API, required with --ai (env OPENAI_BASE_URL), e.g.
                         https://api.openai.com/v1, or http://localhost:11434/v1 (Ollama, no key); see ${AI_DOCS}
  --ai-model ID          the model at that endpoint, required with --ai, e.g. gpt-4.1-mini
  --ai-max-input-tokens N  the model's input limit, which the prompt is fitted to (default ${DEFAULT_AI_MAX_INPUT_TOKENS})
  --ai-timeout MS        longest wait for the answer, retries included (default ${DEFAULT_AI_TIMEOUT_MS})`;

/**
 * The review's settings from the command line and the environment (null without --ai); throws ConfigError for a
 * bad or missing value. The key is OPENAI_API_KEY alone: a GitHub token in the environment is never sent.
 */
export function aiSettingsFromCli(values: AiCliValues, env: NodeJS.ProcessEnv): AiSettings | null {
  if (values.ai !== true) {
    const stray = (['ai-endpoint', 'ai-model', 'ai-max-input-tokens', 'ai-timeout'] as const).find((k) => values[k] !== undefined);
    if (stray) throw new ConfigError(`--${stray} has no effect without --ai: add --ai to ask for the review.`);
    return null;
  }
  const endpoint = values['ai-endpoint'] ?? env.OPENAI_BASE_URL;
  const { settings, problems } = parseAiSettings({
    endpoint, apiKey: env.OPENAI_API_KEY, model: values['ai-model'], maxInputTokens: values['ai-max-input-tokens'], timeoutMs: values['ai-timeout'],
  }, 'cli');
  if (!settings) throw new ConfigError(problems.join(' '));
  return settings;
}
