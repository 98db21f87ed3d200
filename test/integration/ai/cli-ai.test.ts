import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { readZip } from '../../helpers/zip.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.js';

// The CLI end to end in-process: `export --demo --ai` and `audit --ai` against the fake OpenAI-compatible server,
// configured the way a user does it (OPENAI_BASE_URL, OPENAI_API_KEY, flags).
describe('--ai on the CLI', () => {
  let dir: string;
  let fake: FakeOpenAI;
  const KEY = 'sk-cli-test-key-987654321';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dse-ai-cli-'));
    fake = await startFakeOpenAI();
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.setDefault({ kind: 'answer', content: 'Turn on **2FA for moderation** @everyone.' });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('export --demo --ai writes ai-review.md beside the export and into export.zip', async () => {
    fake.setDefault({ kind: 'answer', content: 'Turn on **2FA for moderation** @everyone.', model: 'llama3.2:3b' });
    const out = join(dir, 'export');
    const run = await runCli(['export', '--demo', '--ai', '--ai-model', 'llama3.2:3b', '--out', out], { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: KEY });
    expect(run.code).toBe(0);
    const review = readFileSync(join(out, 'ai-review.md'), 'utf8');
    expect(review).toContain('## AI review (machine-written)');
    expect(review).toContain('`llama3.2:3b`');
    expect(review).toContain('Turn on **2FA for moderation** @\u200beveryone.');
    expect(readZip(join(out, 'export.zip')).files['ai-review.md']).toBe(review);
    expect(run.stdout).toMatch(/aiReview\s+.*ai-review\.md/);
    expect(run.stderr).toContain('AI review by llama3.2:3b written to ai-review.md');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0].body?.model).toBe('llama3.2:3b');
  });

  it('a refused review is a warning: exit 0, the export written, no stale ai-review.md left', async () => {
    const out = join(dir, 'refused');
    const first = await runCli(['export', '--demo', '--ai', '--ai-model', 'gpt-4.1-mini', '--out', out], { OPENAI_BASE_URL: fake.url });
    expect(first.code).toBe(0);
    expect(existsSync(join(out, 'ai-review.md'))).toBe(true);
    fake.setDefault({ kind: 'status', status: 403, error: { message: 'Forbidden' } });
    const run = await runCli(['export', '--demo', '--ai', '--ai-model', 'gpt-4.1-mini', '--out', out], { OPENAI_BASE_URL: fake.url });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Warning: AI review skipped \(gpt-4\.1-mini at 127\.0\.0\.1:\d+\): the endpoint refused the request \(403\)/);
    expect(existsSync(join(out, 'export.json'))).toBe(true);
    expect(existsSync(join(out, 'ai-review.md'))).toBe(false);
    expect(readZip(join(out, 'export.zip')).names).not.toContain('ai-review.md');
  });

  it('without --ai nothing is asked', async () => {
    const out = join(dir, 'none');
    const run = await runCli(['export', '--demo', '--out', out], { OPENAI_BASE_URL: fake.url });
    expect(run.code).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(existsSync(join(out, 'ai-review.md'))).toBe(false);
  });

  it('rejects bad AI options before exporting', async () => {
    const bad = await runCli(['export', '--demo', '--ai', '--ai-endpoint', fake.url, '--ai-model', 'm', '--ai-max-input-tokens', 'lots', '--out', join(dir, 'bad')], {});
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--ai-max-input-tokens must be a whole number of tokens');
    const stray = await runCli(['export', '--demo', '--ai-model', 'x', '--out', join(dir, 'bad')], {});
    expect(stray.code).toBe(64);
    expect(stray.stderr).toContain('--ai-model has no effect without --ai');
  });

  it('audit --ai reviews an existing export offline and writes ai-review.md beside it', async () => {
    const out = join(dir, 'audit');
    expect((await runCli(['export', '--demo', '--out', out], {})).code).toBe(0);
    writeFileSync(join(out, 'ai-review.md'), 'stale');
    const run = await runCli(['audit', join(out, 'export.json'), '--ai', `--ai-endpoint=${fake.url}`, '--ai-model', 'gpt-4.1-mini', '--ai-max-input-tokens', '4000', '--json'], { OPENAI_API_KEY: KEY });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ai_review).toMatchObject({ status: 'ok', model: 'gpt-4.1-mini' });
    expect(readFileSync(join(out, 'ai-review.md'), 'utf8')).toContain('## AI review (machine-written)');
    expect(fake.requests[0].path).toBe('/v1/chat/completions');
    expect(fake.requests[0].authorization).toBe(`Bearer ${KEY}`);
  });

  describe('usage errors (exit 64) before anything is exported or asked', () => {
    const usage = async (args: string[], env: NodeJS.ProcessEnv) => {
      const out = join(dir, 'usage');
      const run = await runCli(['export', '--demo', '--ai', ...args, '--out', out], env);
      expect(run.code).toBe(64);
      expect(existsSync(join(out, 'export.json'))).toBe(false);
      expect(fake.requests).toHaveLength(0);
      return run.stderr.trim();
    };

    it('--ai without an endpoint says on one line what to give, with examples', async () => {
      const line = await usage([], { GITHUB_TOKEN: 'ghp_not_for_models_000000000000000000000' });
      expect(line.split('\n')).toHaveLength(1);
      expect(line).toContain('--ai needs an OpenAI-compatible endpoint and its key: --ai-endpoint URL (or OPENAI_BASE_URL) with OPENAI_API_KEY and --ai-model');
      expect(line).toContain('https://api.openai.com/v1');
      expect(line).toContain('http://localhost:11434/v1 for a local Ollama (no key)');
      expect(line).toContain('docs/ai-review.md');
      expect(line).not.toMatch(/models\.github\.ai|GitHub Models/);
    });

    it('--ai without a model names the flag', async () => {
      expect(await usage(['--ai-endpoint', fake.url], { OPENAI_API_KEY: KEY })).toContain('--ai-model is required');
    });

    it('plain http:// to a host that is not loopback is refused, naming the flag', async () => {
      // 0.0.0.0 is not a loopback address, yet on Linux it reaches the fake: without the rule, the prompt would be sent.
      const endpoint = fake.url.replace('127.0.0.1', '0.0.0.0');
      const line = await usage(['--ai-endpoint', endpoint, '--ai-model', 'm'], { OPENAI_API_KEY: KEY });
      expect(line).toContain(`--ai-endpoint (or OPENAI_BASE_URL) must use https:// (got "${endpoint}")`);
    });

    it('a remote endpoint without OPENAI_API_KEY is refused; a GitHub token is never taken in its place', async () => {
      const line = await usage(['--ai-endpoint', 'https://api.openai.com/v1', '--ai-model', 'm'], { GITHUB_TOKEN: 'ghp_not_for_models_000000000000000000000' });
      expect(line).toContain('OPENAI_API_KEY is required for --ai-endpoint (or OPENAI_BASE_URL) api.openai.com');
      expect(await usage(['--ai-endpoint', fake.url, '--ai-model', 'm'], { OPENAI_API_KEY: 'ghp_not_for_models_000000000000000000000' }))
        .toContain('OPENAI_API_KEY holds a GitHub token');
    });
  });

  it('a loopback endpoint needs no key, and GITHUB_TOKEN is not sent in its place', async () => {
    const token = 'ghp_not_for_models_000000000000000000000';
    const run = await runCli(['export', '--demo', '--ai', '--ai-endpoint', fake.url, '--ai-model', 'llama3.2', '--out', join(dir, 'local')], { GITHUB_TOKEN: token, GH_TOKEN: token });
    expect(run.code).toBe(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].authorization ?? '').not.toContain(token);
  });
});
