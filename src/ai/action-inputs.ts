import { parseAiSettings, type AiSettings } from './settings.js';

/** The Action's inputs for the review, as action.yml declares them. */
export const AI_INPUT_NAMES = ['ai-review', 'ai-model', 'ai-endpoint', 'ai-token', 'ai-max-input-tokens'] as const;
export type AiInputName = (typeof AI_INPUT_NAMES)[number];

/**
 * The review's settings from the Action's inputs (null unless `ai-review: true`), adding any problem to
 * `problems`. The key is `ai-token` alone: the workflow's github-token can write to the repository and goes to
 * GitHub's API only, so it is compared against, never used.
 */
export function parseAiInputs(get: (name: AiInputName) => string, githubToken: string | null, problems: string[]): AiSettings | null {
  const enabled = get('ai-review').trim();
  if (!['', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(enabled)) {
    problems.push(`ai-review must be true or false (got "${enabled.slice(0, 40)}").`);
    return null;
  }
  if (enabled.toLowerCase() !== 'true') return null;
  const apiKey = get('ai-token').trim();
  if (apiKey && githubToken && apiKey === githubToken.trim()) {
    problems.push('ai-token is the github-token: that token goes to GitHub\'s API only, never to a model endpoint. Give the model provider\'s own API key from a secret.');
    return null;
  }
  const result = parseAiSettings({
    endpoint: get('ai-endpoint'), model: get('ai-model'), maxInputTokens: get('ai-max-input-tokens'), apiKey,
  }, 'action');
  problems.push(...result.problems);
  return result.settings;
}
