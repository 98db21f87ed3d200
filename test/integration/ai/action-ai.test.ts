import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreAfterEachRun, runActionInProcess } from '../../helpers/action-in-process.js';
import { startFakeGitHub, unzipEntries, type FakeGitHub } from '../../fakes/github/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.js';
import { demoGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

// The Action in-process, driven as the runner drives it (INPUT_* variables, GITHUB_STEP_SUMMARY), against the
// fake GitHub and the fake OpenAI-compatible endpoint: where the review lands, and that a failed one only warns.
describe('the Action with ai-review: true', () => {
  let github: FakeGitHub;
  let ai: FakeOpenAI;
  let discord: FakeDiscord;
  let dir: string;
  const KEY = 'ai-token-secret-value-123456';

  beforeAll(async () => {
    github = await startFakeGitHub({});
    ai = await startFakeOpenAI();
    discord = await startFakeDiscord({ guilds: [demoGuild()], token: TEST_TOKEN, timeScale: 0.02 });
    dir = mkdtempSync(join(tmpdir(), 'dse-ai-action-'));
  });
  restoreAfterEachRun();
  afterAll(async () => {
    await github.close();
    await ai.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runAction = (inputs: Record<string, string>) => runActionInProcess(dir, github, {
    demo: 'true', 'github-token': github.token, 'ai-review': 'true', 'ai-endpoint': ai.url, 'ai-model': 'gpt-4.1-mini', 'ai-token': KEY, ...inputs,
  });

  it('puts the review in the job summary, the pull request, the tracking issue and the artifact', async () => {
    ai.setDefault({ kind: 'answer', content: 'Lock down **#staff** now. ::error::no' });
    const result = await runAction({ commit: 'pull-request', 'on-regression': 'issue', 'health-threshold': '95' });
    expect(result.failed).toBe(false);
    expect(result.summary).toContain('## AI review (machine-written)');
    expect(result.summary).toContain('Lock down **#staff** now.');
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0].body).toContain('## AI review (machine-written)');
    const issue = github.issues.find((i) => !('head' in i));
    expect(issue?.body).toContain('## AI review (machine-written)');
    const zip = unzipEntries(github.artifacts[0].bytes);
    expect(zip.get('ai-review.md')?.toString('utf8')).toContain('## AI review (machine-written)');
    expect(ai.requests[0].authorization).toBe(`Bearer ${KEY}`);
    // The token is masked first, and appears nowhere else.
    expect(result.stdout).toContain(`::add-mask::${KEY}`);
    expect(result.stdout.split(KEY)).toHaveLength(2);
  });

  it('comments the review on the tracking issue only when the failing checks changed', async () => {
    const result = await runAction({ commit: 'pull-request', 'on-regression': 'issue', 'health-threshold': '95' });
    expect(result.failed).toBe(false);
    const issue = github.issues.find((i) => !('head' in i))!;
    // Same guild, same failing checks as the committed snapshot: the body is brought up to date (review included),
    // and no comment repeats the review (nothing moved, so the tracking issue stays quiet).
    expect(issue.body).toContain('## AI review (machine-written)');
    expect(issue.comments.filter((c) => c.body.includes('AI review'))).toHaveLength(0);
  });

  it('a 403 is a warning that says how to fix it, and the run goes on', async () => {
    ai.setDefault({ kind: 'status', status: 403, error: { code: 'no_access', message: 'No access to model' } });
    const pullsBefore = github.pulls.length;
    const result = await runAction({ commit: 'push', 'on-regression': 'none', branch: 'snapshots-403' });
    expect(result.failed).toBe(false);
    expect(result.stdout).toMatch(/::warning title=AI review skipped::.*403.*Check that the key in the `ai-token` input may use the model gpt-4\.1-mini/);
    expect(result.summary).toContain('> [!WARNING]');
    expect(github.pulls.length).toBe(pullsBefore);
    // The snapshot was still committed.
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toMatch(/snapshot-changed<<\S+\ntrue\n/);
  });

  it('without ai-token, a loopback endpoint is asked without a key: the github-token never reaches it', async () => {
    ai.setDefault({ kind: 'answer', content: 'Fine.' });
    ai.requests.length = 0;
    const result = await runAction({ 'ai-token': '', commit: 'none', 'on-regression': 'none' });
    expect(result.failed).toBe(false);
    expect(ai.requests).toHaveLength(1);
    expect(ai.requests[0].authorization).toBeNull();
    expect(JSON.stringify(ai.requests)).not.toContain(github.token);
  });

  describe('fails the step before any Discord request', () => {
    const refused = async (inputs: Record<string, string>) => {
      ai.requests.length = 0;
      discord.resetStats();
      const result = await runAction({
        demo: 'false', 'discord-token': TEST_TOKEN, 'guild-id': demoGuild().guild.id, 'api-base': discord.apiBase,
        commit: 'none', 'on-regression': 'none', ...inputs,
      });
      expect(result.failed).toBe(true);
      expect(discord.stats().requests).toBe(0);
      expect(ai.requests).toHaveLength(0);
      expect(github.artifacts.length).toBe(artifactsBefore);
      return result.stdout;
    };
    let artifactsBefore = 0;
    beforeAll(() => {
      artifactsBefore = github.artifacts.length;
    });

    it('ai-review: true without an endpoint: one line saying what to give', async () => {
      const stdout = await refused({ 'ai-endpoint': '', 'ai-token': '', 'ai-model': '' });
      expect(stdout).toContain('ai-review: true needs an OpenAI-compatible endpoint and its key: ai-endpoint (e.g. https://api.openai.com/v1) with ai-token');
      expect(stdout).toContain('http://localhost:11434/v1 for a local Ollama (no key)');
      expect(stdout).not.toMatch(/models\.github\.ai|GitHub Models|models: read/);
    });

    it('a remote endpoint without ai-token: the github-token is not used in its place', async () => {
      const stdout = await refused({ 'ai-endpoint': 'https://api.openai.com/v1', 'ai-token': '' });
      expect(stdout).toContain('ai-token is required for ai-endpoint api.openai.com');
    });

    it('ai-token set to the github-token', async () => {
      const stdout = await refused({ 'ai-token': github.token });
      expect(stdout).toContain('ai-token is the github-token');
    });

    it('plain http:// to a host that is not loopback, naming the input', async () => {
      // 0.0.0.0 is not a loopback address, yet on Linux it reaches the fake: without the rule, the prompt would be sent.
      const endpoint = ai.url.replace('127.0.0.1', '0.0.0.0');
      const stdout = await refused({ 'ai-endpoint': endpoint });
      expect(stdout).toContain(`ai-endpoint must use https:// (got "${endpoint}")`);
    });

    it('no ai-model', async () => {
      expect(await refused({ 'ai-model': '' })).toContain('ai-model is required');
    });
  });
});
