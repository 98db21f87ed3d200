import { parseAiSettings, type AiSettings } from './settings.js';

/** The Action's inputs for the review, as action.yml declares them. */
export const AI_INPUT_NAMES = ['ai-review', 'ai-model', 'ai-endpoint', 'ai-token', 'ai-max-input-tokens'] as const;
export type AiInputName = (typeof AI_INPUT_NAMES)[number];

/**
 * The review's settings from the Action's inputs (null unless `ai-review: true`), adding any problem to
 * `problems`. The token defaults to the workflow token (github-token), which GitHub Models accepts when the job
 * has `permissions: models: read`.
 */
export function parseAiInputs(get: (name: AiInputName) => string, githubToken: string | null, problems: string[]): AiSettings | null {
  const enabled = get('ai-review').trim();
  if (!['', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(enabled)) {
    problems.push(`ai-review must be true or false (got "${enabled.slice(0, 40)}").`);
    return null;
  }
  if (enabled.toLowerCase() !== 'true') return null;
  const result = parseAiSettings({
    endpoint: get('ai-endpoint'), model: get('ai-model'), maxInputTokens: get('ai-max-input-tokens'),
    apiKey: get('ai-token').trim() || githubToken,
  }, 'action');
  problems.push(...result.problems);
  return result.settings;
}
