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

  it('has no default endpoint or model, and never takes the workflow token as the key', () => {
    const { settings, problems } = parse({ 'ai-review': 'true' });
    expect(settings).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ai-review: true needs an OpenAI-compatible endpoint and its key/);
    expect(parse({ 'ai-review': 'true', 'ai-endpoint': 'https://api.openai.com/v1', 'ai-model': 'gpt-4.1-mini' }).problems)
      .toEqual([expect.stringContaining('ai-token is required for ai-endpoint api.openai.com')]);
  });

  it('takes an endpoint, model, token and limit', () => {
    expect(parse({ 'ai-review': 'true', 'ai-endpoint': 'https://api.openai.com/v1', 'ai-model': 'gpt-4.1-mini', 'ai-token': 'sk-x', 'ai-max-input-tokens': '100000' }).settings)
      .toMatchObject({ endpoint: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', apiKey: 'sk-x', maxInputTokens: 100_000, surface: 'action' });
  });

  it('lets a loopback endpoint go without a key, over plain http', () => {
    for (const endpoint of ['http://localhost:11434/v1', 'http://127.0.0.1:8080/v1', 'http://127.1.2.3/v1', 'http://[::1]:11434/v1', 'http://127.1/v1']) {
      expect(parse({ 'ai-review': 'true', 'ai-endpoint': endpoint, 'ai-model': 'llama3.2' }).settings, endpoint).toMatchObject({ apiKey: null });
    }
  });

  it('refuses http:// elsewhere, GitHub tokens as the key, and credentials in the URL', () => {
    for (const endpoint of ['http://example.com/v1', 'http://0.0.0.0:11434/v1', 'http://10.0.0.5/v1', 'http://localhost.example.com/v1', 'http://[::ffff:7f00:1]/v1']) {
      expect(parse({ 'ai-review': 'true', 'ai-endpoint': endpoint, 'ai-model': 'm', 'ai-token': 'sk-x' }).problems, endpoint)
        .toEqual([expect.stringContaining('ai-endpoint must use https://')]);
    }
    for (const key of ['ghs_abc', 'ghp_abc', 'github_pat_abc', 'gho_abc']) {
      expect(parse({ 'ai-review': 'true', 'ai-endpoint': 'https://api.openai.com/v1', 'ai-model': 'm', 'ai-token': key }).problems)
        .toEqual([expect.stringContaining('ai-token holds a GitHub token')]);
    }
    expect(parse({ 'ai-review': 'true', 'ai-endpoint': 'https://api.openai.com/v1', 'ai-model': 'm', 'ai-token': 'same-as-workflow' }, 'same-as-workflow').problems)
      .toEqual([expect.stringContaining('ai-token is the github-token')]);
    expect(parse({ 'ai-review': 'true', 'ai-endpoint': 'https://user:sk-x@api.openai.com/v1', 'ai-model': 'm', 'ai-token': 'sk-x' }).problems)
      .toEqual([expect.stringContaining('must not hold a user name or password')]);
  });

  it('lists every bad value with what to give', () => {
    expect(parse({ 'ai-review': 'yes' }).problems).toEqual(['ai-review must be true or false (got "yes").']);
    const { problems } = parse({ 'ai-review': 'true', 'ai-endpoint': 'api.openai.com', 'ai-model': 'm', 'ai-max-input-tokens': '50' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('ai-endpoint must be the https:// base URL of an OpenAI-compatible API');
    expect(problems[1]).toContain('ai-max-input-tokens must be a whole number of tokens from 1000');
  });
});
