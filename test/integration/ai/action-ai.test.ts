import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreAfterEachRun, runActionInProcess } from '../../helpers/action-in-process.js';
import { startFakeGitHub, unzipEntries, type FakeGitHub } from '../../fakes/github/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.js';

// The Action in-process, driven as the runner drives it (INPUT_* variables, GITHUB_STEP_SUMMARY), against the
// fake GitHub and the fake OpenAI-compatible endpoint: where the review lands, and that a failed one only warns.
describe('the Action with ai-review: true', () => {
  let github: FakeGitHub;
  let ai: FakeOpenAI;
  let dir: string;
  const KEY = 'ai-token-secret-value-123456';

  beforeAll(async () => {
    github = await startFakeGitHub({});
    ai = await startFakeOpenAI();
    dir = mkdtempSync(join(tmpdir(), 'dse-ai-action-'));
  });
  restoreAfterEachRun();
  afterAll(async () => {
    await github.close();
    await ai.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runAction = (inputs: Record<string, string>) => runActionInProcess(dir, github, {
    demo: 'true', 'github-token': github.token, 'ai-review': 'true', 'ai-endpoint': ai.githubModelsUrl, 'ai-token': KEY, ...inputs,
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

  it('a 403 without models: read is a warning that says how to fix it, and the run goes on', async () => {
    ai.setDefault({ kind: 'status', status: 403, error: { code: 'no_access', message: 'No access to model' } });
    const pullsBefore = github.pulls.length;
    const result = await runAction({ commit: 'push', 'on-regression': 'none', branch: 'snapshots-403' });
    expect(result.failed).toBe(false);
    expect(result.stdout).toMatch(/::warning title=AI review skipped::.*403.*permissions: models: read/);
    expect(result.summary).toContain('> [!WARNING]');
    expect(result.summary).toContain('permissions: models: read');
    expect(github.pulls.length).toBe(pullsBefore);
    // The snapshot was still committed.
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toMatch(/snapshot-changed<<\S+\ntrue\n/);
  });
});
