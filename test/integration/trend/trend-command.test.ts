import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrendCommand } from '../../../src/cli/trend-command.js';
import { emptyExport } from '../../../src/schema/empty.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { writeExportJson } from '../../../src/writers/json.js';

function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runTrendCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, cwd);
  return { code, stdout, stderr };
}

/** A real repository whose snapshot.json changed in three commits (scores 88, 75, 81). */
function repoWithSnapshots(): string {
  const repo = mkdtempSync(join(tmpdir(), 'dse-trend-'));
  const git = (args: string[], date = '2026-01-01T00:00:00Z') => execFileSync('git', args, {
    cwd: repo, stdio: 'ignore',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  git(['init', '-q', '-b', 'main']);
  mkdirSync(join(repo, 'snap'));
  [88, 75, 81].forEach((score, i) => {
    // As committed: the snapshot's own date is fixed (the epoch), so only the commit says when it was taken.
    const snapshot = { meta: { exported_at: '1970-01-01T00:00:00.000Z' }, summary: { health_score: score, issues_found: score < 80 ? ['no_automod_rules'] : [] } };
    writeFileSync(join(repo, 'snap', 'snapshot.json'), JSON.stringify(snapshot));
    git(['add', '.']);
    git(['commit', '-q', '-m', `snapshot ${i}`], `2026-03-0${i + 1}T06:00:00Z`);
  });
  // A commit that does not touch the snapshot is no point on the line.
  writeFileSync(join(repo, 'README.md'), 'notes\n');
  git(['add', '.']);
  git(['commit', '-q', '-m', 'notes'], '2026-03-05T06:00:00Z');
  return repo;
}

/** A CLI export written by the exporter's own writer, members included (they come last in the file). */
async function writeExport(dir: string, date: string, score: number | null, members = 0): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const exp = emptyExport('100000000000000001');
  exp.meta.exported_at = date;
  exp.summary.health_score = score;
  exp.summary.issues_found = score !== null && score < 80 ? ['no_automod_rules'] : [];
  exp.members = Array.from({ length: members }, (_, i) => ({ id: String(100000000000000000n + BigInt(i)), username: `user${i}` }) as unknown as GuildExport['members'][number]);
  await writeExportJson(join(dir, 'export.json'), exp);
}

describe('trend', () => {
  it('rebuilds the score history from the snapshot commits in a git range', () => {
    const repo = repoWithSnapshots();
    const text = run(['--git', 'HEAD~3..HEAD', 'snap'], repo);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe('2026-03-02     75  no_automod_rules\n2026-03-03     81  -\n');
    const all = run(['--git', 'HEAD', 'snap', '--mermaid'], repo);
    expect(all.stdout).toContain('line [88, 75, 81]');
  });

  it('reads the commits of DIR/snapshot.json when DIR is in a git work tree, dated by each commit', () => {
    const repo = repoWithSnapshots();
    const text = run(['snap'], repo);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe('2026-03-01     88  -\n2026-03-02     75  no_automod_rules\n2026-03-03     81  -\n');
    // From elsewhere, by absolute path: git runs in the folder itself.
    expect(JSON.parse(run([join(repo, 'snap'), '--json'], tmpdir()).stdout).map((e: { score: number }) => e.score)).toEqual([88, 75, 81]);
  });

  it('reads a folder of CLI exports: subfolders with export.json and *export.json files, members not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dse-trend-exports-'));
    await writeExport(join(dir, 'run-b'), '2026-04-02T10:00:00.000Z', 70, 500);
    await writeExport(join(dir, 'run-a'), '2026-04-01T10:00:00.000Z', 90, 3);
    await writeExport(join(dir, 'tmp'), '2026-04-03T10:00:00.000Z', null);
    renameSync(join(dir, 'tmp', 'export.json'), join(dir, '2026-04-03-export.json'));
    // Whatever follows the member list's start is never parsed: a cut-off member list still gives the score.
    const cut = join(dir, 'run-b', 'export.json');
    writeFileSync(cut, readFileSync(cut, 'utf8').replace(/\n {2}\]\n\}$/, ''));
    appendFileSync(cut, '\n    {"id": "cut off');
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'export.json'), '{"meta": ');
    const r = run([dir, '--json'], '/');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { date: '2026-04-01T10:00:00.000Z', score: 90, failing: [] },
      { date: '2026-04-02T10:00:00.000Z', score: 70, failing: ['no_automod_rules'] },
      { date: '2026-04-03T10:00:00.000Z', score: null, failing: [] },
    ]);
    expect(r.stderr).toMatch(/^Skipped [^\n]*broken[/\\]export\.json \([^\n]*\)\.\n$/);
    expect(run([dir], '/').stdout).toBe('2026-04-01     90  -\n2026-04-02     70  no_automod_rules\n2026-04-03    n/a  -\n');
  });

  it('says what it looked for in a folder that holds none of them', () => {
    const empty = mkdtempSync(join(tmpdir(), 'dse-trend-empty-'));
    const r = run([empty], '/');
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('holds no history.json, no export.json and no snapshot.json in a git work tree');
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
