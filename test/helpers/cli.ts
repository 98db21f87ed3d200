import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (the same main() the bundle runs). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const progress = new PassThrough() as unknown as NodeJS.WriteStream;
  (progress as unknown as PassThrough).on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    progressStream: progress,
  });
  return { code, stdout, stderr };
}

export interface CliProcessRun extends CliRun {
  /** Wall time from the spawn to the process's exit (ms). */
  elapsedMs: number;
}

let built: Promise<string> | null = null;

/**
 * The CLI built from the sources into one file (rolldown, about a second; once per test file), for tests that need
 * a real process: whether it exits at all once its work is done. dist/ is the released build and may lag behind.
 */
function buildCli(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('rolldown');
    const dir = mkdtempSync(join(tmpdir(), 'dse-cli-build-'));
    await build({ input: resolve('src/cli/bin.ts'), platform: 'node', logLevel: 'silent', output: { dir, entryFileNames: 'cli.mjs' } });
    return join(dir, 'cli.mjs');
  })();
  return built;
}

/** Starts the CLI as a child process, for a test that kills it at a moment of its choosing; `done` settles at its exit. */
export async function startCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; done: Promise<CliRun> }> {
  const cli = await buildCli();
  const child = spawn(process.execPath, [cli, ...argv], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (c) => resolve({ code: c ?? -1, stdout, stderr })));
  return { child, done };
}

/** Runs the CLI as a child process; killed (code null) if it has not exited after `killAfterMs`. */
export async function spawnCli(argv: string[], env: NodeJS.ProcessEnv = {}, killAfterMs = 30_000): Promise<CliProcessRun> {
  const cli = await buildCli();
  const started = Date.now();
  const child = spawn(process.execPath, [cli, ...argv], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  clearTimeout(kill);
  return { code: code ?? -1, stdout, stderr, elapsedMs: Date.now() - started };
}
