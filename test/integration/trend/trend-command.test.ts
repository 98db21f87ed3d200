import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrendCommand } from '../../../src/cli/trend-command.js';

function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runTrendCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, cwd);
  return { code, stdout, stderr };
}

/** A real repository whose snapshot.json changed in three commits (scores 88, 75, 81). */
function repoWithSnapshots(): string {
  const repo = mkdtempSync(join(tmpdir(), 'dse-trend-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'snap'));
  [88, 75, 81].forEach((score, i) => {
    const snapshot = { meta: { exported_at: `2026-03-0${i + 1}T06:00:00.000Z` }, summary: { health_score: score, issues_found: score < 80 ? ['no_automod_rules'] : [] } };
    writeFileSync(join(repo, 'snap', 'snapshot.json'), JSON.stringify(snapshot));
    git('add', '.');
    git('commit', '-q', '-m', `snapshot ${i}`);
  });
  return repo;
}

describe('trend', () => {
  it('rebuilds the score history from the snapshot commits in a git range', () => {
    const repo = repoWithSnapshots();
    const text = run(['--git', 'HEAD~2..HEAD', 'snap'], repo);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe('2026-03-02     75  no_automod_rules\n2026-03-03     81  -\n');
    const all = run(['--git', 'HEAD', 'snap', '--mermaid'], repo);
    expect(all.stdout).toContain('line [88, 75, 81]');
  });

  it('reads the committed history.json of a snapshot folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dse-trend-'));
    writeFileSync(join(dir, 'history.json'), '[\n  {"date":"2026-03-01T06:00:00.000Z","score":60,"failing":["a"]}\n]\n');
    expect(JSON.parse(run([dir, '--json'], '/').stdout)).toEqual([{ date: '2026-03-01T06:00:00.000Z', score: 60, failing: ['a'] }]);
  });

  it('says what is wrong with its arguments', () => {
    const repo = repoWithSnapshots();
    expect(run([], repo)).toMatchObject({ code: 64 });
    expect(run(['--bogus', 'x'], repo)).toMatchObject({ code: 64 });
    expect(run(['missing-dir'], repo).code).toBe(66);
    const bad = run(['--git', 'no-such-ref', 'snap'], repo);
    expect(bad.code).toBe(66);
    expect(bad.stderr).toContain('git log no-such-ref failed');
  });
});
