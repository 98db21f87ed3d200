import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** The check-dist workflow's comparison step, run as the runner would (bash -e) in a repository we control. */
function compareStep(): string {
  const workflow = parse(readFileSync('.github/workflows/check-dist.yml', 'utf8')) as { jobs: Record<string, { steps: { name?: string; run?: string }[] }> };
  const step = workflow.jobs['check-dist'].steps.find((s) => s.name === 'Compare dist/ with the committed one');
  if (!step?.run) throw new Error('no comparison step');
  return step.run;
}

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function repoWithDist(): (...args: string[]) => string {
  dir = mkdtempSync(join(tmpdir(), 'dse-check-dist-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  git('init', '-q');
  mkdirSync(join(dir, 'dist/action'), { recursive: true });
  writeFileSync(join(dir, 'dist/action/index.js'), 'main\n');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'dist');
  return git;
}

const check = () => spawnSync('bash', ['-e', '-c', compareStep()], { cwd: dir, encoding: 'utf8' });

describe('check-dist workflow', () => {
  it('passes when dist/ equals the committed one', () => {
    repoWithDist();
    expect(check().status).toBe(0);
  });

  it('fails on a new chunk file that was never committed, naming it', () => {
    repoWithDist();
    writeFileSync(join(dir, 'dist/action/214.index.js'), 'chunk\n');
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('dist/action/214.index.js');
    expect(result.stdout).toContain("::error::dist/ is out of date");
  });

  it('fails on a changed or removed file', () => {
    repoWithDist();
    writeFileSync(join(dir, 'dist/action/index.js'), 'changed\n');
    expect(check().status).toBe(1);
    rmSync(join(dir, 'dist/action/index.js'));
    expect(check().status).toBe(1);
  });
});
