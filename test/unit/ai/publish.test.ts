import { describe, expect, it } from 'vitest';
import { aiSummarySection, findingsChanged, withAiReview } from '../../../src/ai/publish.js';
import { parseAiInputs } from '../../../src/ai/action-inputs.js';
import type { AiReview } from '../../../src/ai/review.js';

const ok = (markdown: string): AiReview => ({ status: 'ok', markdown, model: 'm', promptTokens: 1, cut: [] });

describe('where the review goes', () => {
  it('comments on the tracking issue when the failing checks changed, or on a first snapshot', () => {
    expect(findingsChanged(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(findingsChanged(['a'], ['a', 'b'])).toBe(true);
    expect(findingsChanged(['a', 'b'], ['a'])).toBe(true);
    expect(findingsChanged(null, ['a'])).toBe(true);
  });

  it('adds the review to a body only when it fits GitHub\'s limit', () => {
    expect(withAiReview('Body', ok('## AI review'))).toBe('Body\n\n## AI review');
    expect(withAiReview('Body', { status: 'failed', warning: 'w' })).toBe('Body');
    expect(withAiReview('Body', null)).toBe('Body');
    const long = withAiReview('x'.repeat(55_000), ok('y'.repeat(10_000)));
    expect(long.length).toBeLessThan(65_536);
    expect(long).toContain('too long to add here: see ai-review.md');
  });

  it('shows a failed review in the job summary as a warning', () => {
    expect(aiSummarySection({ status: 'failed', warning: 'AI review skipped: 403.' })).toBe('\n> [!WARNING]\n> AI review skipped: 403.\n');
    expect(aiSummarySection(null)).toBe('');
  });
});

describe('the Action\'s AI inputs', () => {
  const parse = (raw: Record<string, string>, githubToken: string | null = 'ghs_workflow') => {
    const problems: string[] = [];
    const settings = parseAiInputs((n) => raw[n] ?? '', githubToken, problems);
    return { settings, problems };
  };

  it('is off by default', () => {
    expect(parse({})).toEqual({ settings: null, problems: [] });
  });

  it('defaults to GitHub Models with the workflow token and an 8,000-token input limit', () => {
    expect(parse({ 'ai-review': 'true' }).settings).toMatchObject({
      endpoint: 'https://models.github.ai/inference', model: 'openai/gpt-4o-mini', apiKey: 'ghs_workflow', maxInputTokens: 8_000, surface: 'action',
    });
  });

  it('takes another endpoint, model, token and limit', () => {
    expect(parse({ 'ai-review': 'true', 'ai-endpoint': 'https://api.openai.com/v1', 'ai-model': 'gpt-4.1-mini', 'ai-token': 'sk-x', 'ai-max-input-tokens': '100000' }).settings)
      .toMatchObject({ endpoint: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', apiKey: 'sk-x', maxInputTokens: 100_000 });
  });

  it('lists every bad value with what to give', () => {
    expect(parse({ 'ai-review': 'yes' }).problems).toEqual(['ai-review must be true or false (got "yes").']);
    const { problems } = parse({ 'ai-review': 'true', 'ai-endpoint': 'models.github.ai', 'ai-max-input-tokens': '50' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('ai-endpoint must be an http(s) URL');
    expect(problems[1]).toContain('ai-max-input-tokens must be a whole number of tokens from 1000');
  });
});
