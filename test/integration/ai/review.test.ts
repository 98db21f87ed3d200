import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport, type ExportOutcome } from '../../../src/pipeline/run-export.js';
import { reviewAudit } from '../../../src/ai/review.js';
import { parseAiSettings, type AiSettings } from '../../../src/ai/settings.js';
import { loadTokenCounter } from '../../../src/audit/tokens.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.js';

// The review against a real HTTP server on loopback (the project's fake OpenAI-compatible API): the openai
// client, its retries and timeouts, and what the user sees (ai-review.md's Markdown or one warning).
describe('reviewAudit', () => {
  let dir: string;
  let outcome: ExportOutcome;
  let fake: FakeOpenAI;
  const KEY = 'sk-test-key-0123456789';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dse-ai-'));
    outcome = await runExport({
      guildId: null, token: null, apiBase: null, demo: true, outDir: dir, only: null, skip: [], members: 'counts',
      maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    await fake?.close();
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake?.close());

  const settings = (over: Partial<AiSettings> = {}): AiSettings => ({
    ...parseAiSettings({ endpoint: fake.url, apiKey: KEY, model: 'gpt-4.1-mini' }, 'action').settings!, ...over,
  });
  const review = (s: AiSettings) => reviewAudit(outcome.export, outcome.audit, s, () => new Date('2026-03-01T10:00:00Z'));

  it('writes the answer under a machine-written label naming the model, within the input limit', async () => {
    fake.queue({ kind: 'answer', content: '## Overall\n\nRaise the verification level.', model: 'gpt-4.1-mini-2025-04-14' });
    const result = await review(settings());
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.markdown).toContain('## AI review (machine-written)');
    expect(result.markdown).toContain('`gpt-4.1-mini-2025-04-14`');
    expect(result.markdown).toContain('Raise the verification level.');
    expect(result.markdown).toContain('### Overall');
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body?.model).toBe('gpt-4.1-mini');
    expect(sent.body?.messages?.map((m) => m.role)).toEqual(['system', 'user']);
    const count = await loadTokenCounter();
    const total = sent.body!.messages!.reduce((n, m) => n + count(m.content), 0);
    expect(total).toBeLessThanOrEqual(8_000);
    expect(sent.body?.messages?.[1].content).toContain('Pixel Harbor');
  });

  it('shrinks the prompt to a small limit and says what it left out, in the prompt and the review', async () => {
    const result = await review(settings({ maxInputTokens: 1_500 }));
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const prompt = fake.requests[0].body!.messages![1].content;
    const count = await loadTokenCounter();
    expect(count(prompt)).toBeLessThanOrEqual(1_500);
    expect(prompt).toContain('To fit the token budget, this prompt leaves out');
    expect(result.cut.length).toBeGreaterThan(0);
    expect(result.markdown).toContain('To fit the model\'s input limit it left out');
  });

  it('works with a loopback endpoint and no key (a local server)', async () => {
    const result = await review(settings({ endpoint: fake.url.replace('127.0.0.1', 'localhost'), apiKey: null, model: 'llama3.2' }));
    expect(result.status).toBe('ok');
    expect(fake.requests[0].path).toBe('/v1/chat/completions');
    expect(fake.requests[0].authorization).toBeNull();
    expect(fake.requests[0].body?.model).toBe('llama3.2');
  });

  it('neutralises ::error::, @everyone, HTML and foreign links in the answer', async () => {
    fake.queue({
      kind: 'answer',
      content: [
        '::error::pwned',
        '  ::set-output name=x::y',
        'Ping @everyone and @octocat about it.',
        '<img src=x onerror=alert(1)> <script>alert(1)</script>',
        'See [the guide](https://evil.example/phish) or https://evil.example/x, and [settings](https://support.discord.com/hc/en-us).',
      ].join('\n'),
    });
    const result = await review(settings());
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const lines = result.markdown.split('\n');
    expect(lines.some((l) => /^\s*::/.test(l))).toBe(false);
    expect(result.markdown).not.toMatch(/@everyone|@octocat/);
    expect(result.markdown).toContain('@\u200beveryone');
    expect(result.markdown).not.toMatch(/<img|<script/i);
    expect(result.markdown).toContain('&lt;script>');
    expect(result.markdown).not.toContain('https://evil.example');
    expect(result.markdown).toContain('the guide (link removed: evil[.]example)');
    expect(result.markdown).toContain('[settings](https://support.discord.com/hc/en-us)');
  });

  it('turns a 403 into a warning that names the key and the model', async () => {
    fake.queue({ kind: 'status', status: 403, error: { code: 'no_access', message: 'No access to model: gpt-4.1-mini' } });
    const result = await review(settings());
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.warning).toContain('the endpoint refused the request (403)');
    expect(result.warning).toContain('Check that the key in the `ai-token` input may use the model gpt-4.1-mini');
    expect(result.warning).toContain('No access to model');
    expect(fake.requests).toHaveLength(1);
  });

  it('says a retired endpoint (410) is gone and where to choose another', async () => {
    fake.queue({ kind: 'status', status: 410, error: { message: 'This service has been retired' } });
    const result = await review(settings());
    expect(result.status === 'failed' && result.warning).toContain('the endpoint is gone (410)');
    expect(result.status === 'failed' && result.warning).toContain('docs/ai-review.md');
  });

  it('never follows a redirect: the prompt is not re-posted elsewhere, and the review fails with the reason', async () => {
    const elsewhere = await startFakeOpenAI();
    try {
      for (const status of [307, 308, 302] as const) {
        fake.requests.length = 0;
        fake.queue({ kind: 'redirect', status, location: `${elsewhere.url}/chat/completions` });
        const result = await review(settings());
        expect(result.status).toBe('failed');
        if (result.status !== 'failed') return;
        expect(result.warning).toContain(`the endpoint answered with a redirect (${status}) to ${new URL(elsewhere.url).host}, which is not followed`);
        expect(result.warning).toContain('Set the `ai-endpoint` input');
        // One request to the endpoint configured (no retry), none to where it pointed.
        expect(fake.requests).toHaveLength(1);
        expect(elsewhere.requests).toHaveLength(0);
      }
    } finally {
      await elsewhere.close();
    }
  });

  it('waits out a short retry-after on 429 and then succeeds', async () => {
    fake.queue({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, error: { code: 'RateLimitReached', message: 'Rate limit of 15 per 60s exceeded' } });
    const result = await review(settings());
    expect(result.status).toBe('ok');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(900);
  });

  it('does not wait out a retry-after of hours: one request, a warning at once', async () => {
    fake.setDefault({ kind: 'status', status: 429, headers: { 'retry-after': '36000', 'x-ratelimit-type': 'UserByModelByDay' }, error: { code: 'RateLimitReached', message: 'Rate limit of 150 per 86400s exceeded for UserByModelByDay.' } });
    const started = Date.now();
    const result = await review(settings());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fake.requests).toHaveLength(1);
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.warning).toContain('429');
    expect(result.warning).toContain('10 h');
    expect(result.warning).toContain('a daily quota resets');
  });

  it('gives up at the deadline when the endpoint does not answer', async () => {
    fake.setDefault({ kind: 'hang' });
    const started = Date.now();
    const result = await review(settings({ timeoutMs: 1_500 }));
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.warning).toContain('no answer within 2 s');
  });

  it('reports a refusal and an empty answer as warnings', async () => {
    fake.queue({ kind: 'answer', content: null, refusal: 'I can\'t help with that.' });
    const refused = await review(settings());
    expect(refused).toMatchObject({ status: 'failed' });
    expect(refused.status === 'failed' && refused.warning).toContain('declined to answer ("I can\'t help with that.")');
    fake.queue({ kind: 'answer', content: '   ' });
    const empty = await review(settings());
    expect(empty.status === 'failed' && empty.warning).toContain('empty answer');
  });

  it('says how to reach an endpoint that is not there', async () => {
    const port = new URL(fake.url).port;
    await fake.close();
    const result = await review(settings({ endpoint: `http://127.0.0.1:${port}/v1`, maxInputTokens: 2_000 }));
    expect(result.status === 'failed' && result.warning).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+\/v1/);
  });

  it('stops reading an endless answer', async () => {
    fake.queue({ kind: 'raw', status: 200, body: `{"choices":[{"message":{"content":"${'a'.repeat(3_000_000)}"}}]}` });
    const result = await review(settings());
    expect(result.status === 'failed' && result.warning).toContain('the answer is larger than 2 MB');
  });

  it('never puts the key in the warning', async () => {
    fake.queue({ kind: 'status', status: 401, error: { message: `Incorrect API key provided: ${KEY}` } });
    const result = await review(settings());
    expect(result.status === 'failed' && result.warning).toContain('401');
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});
