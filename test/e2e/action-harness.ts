/** Runs dist/index.js as the GitHub runner does: INPUT_* env, real GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FakeGitHub } from '../fakes/github/index.js';

export const ACTION_ENTRY = resolve('dist/index.js');
export { NODE24 } from '../helpers/node24.js';
let privateEntry: string | null = null;

/**
 * A private copy of the bundle, taken once per test file: others rebuild dist/ while tests run, and a half-written
 * dist/index.js must not fail an unrelated scenario. The copy is byte-identical to what the runner would execute.
 */
export function bundledEntry(): string {
  if (privateEntry) return privateEntry;
  const dir = mkdtempSync(join(tmpdir(), 'dse-dist-'));
  // The entry point, and the bundle folder it imports (with the tokenizer chunk beside it).
  copyFileSync(ACTION_ENTRY, join(dir, 'index.js'));
  copyFileSync(resolve('dist/package.json'), join(dir, 'package.json'));
  cpSync(resolve('dist/action'), join(dir, 'action'), { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  privateEntry = join(dir, 'index.js');
  return privateEntry;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Raw GITHUB_OUTPUT file content. */
  outputFile: string;
}

export interface RunOptions {
  node: string;
  inputs: Record<string, string>;
  github?: FakeGitHub;
  /** repository.private in the event payload. */
  private?: boolean;
  /** Set ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL (default: true when github is given). */
  artifacts?: boolean;
}

/** Spawns the bundled action once and collects everything a user would see. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'dse-action-'));
  try {
    const outputPath = join(dir, 'output.txt');
    const summaryPath = join(dir, 'summary.md');
    const eventPath = join(dir, 'event.json');
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const gh = options.github;
    writeFileSync(eventPath, JSON.stringify({ repository: { private: options.private ?? false, full_name: gh ? `${gh.owner}/${gh.repo}` : 'o/r' } }));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_RUN_ID: '4242',
      RUNNER_TEMP: dir,
      // Never the real GitHub: without a fake, a closed loopback port.
      GITHUB_API_URL: 'http://127.0.0.1:9',
    };
    if (gh) {
      Object.assign(env, { GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.apiUrl });
      if (options.artifacts ?? true) Object.assign(env, { ACTIONS_RUNTIME_TOKEN: gh.runtimeToken, ACTIONS_RESULTS_URL: gh.resultsUrl });
    }
    for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const child = spawn(options.node, [bundledEntry()], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    const outputFile = readFileSync(outputPath, 'utf8');
    return { code, stdout, stderr, outputs: parseOutputFile(outputFile), summary: readFileSync(summaryPath, 'utf8'), outputFile };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses the `name<<DELIM\nvalue\nDELIM` records of a GITHUB_OUTPUT file (a later record wins, as on the runner). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  return outputs;
}

/** Everything the run printed, without the `::add-mask::` commands the runner consumes (they never show in logs). */
export function visibleLog(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}
