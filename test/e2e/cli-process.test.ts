import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../src/fake-discord/index.js';
import { TEST_TOKEN } from '../helpers/fake-discord.js';

// The bundled CLI as a process: what only a real process shows (signals, closed pipes, exiting at all).
const CLI = resolve('dist/cli.js');
let dir: string;
let fake: FakeDiscord;
const guild = generateGuild({ seed: 41, members: 30_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dse-e2e-proc-'));
  // 150 ms a round trip: the member scan (30 pages, one after another) takes seconds, time enough to interrupt it.
  fake = await startFakeDiscord({ guilds: [guild], token: TEST_TOKEN, latencyMs: 150, timeScale: 0.02 });
}, 60_000);

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Exit { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Starts the CLI; `whenStarted` runs once the child is up (it may kill it). */
function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<Exit>((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, exited };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during the member scan', (signal, status) => {
  it(`removes the member spool, says what was interrupted, exits ${status}, and leaves the previous export whole`, async () => {
    const out = join(dir, `interrupted-${signal}`);
    mkdirSync(out);
    writeFileSync(join(out, 'export.json'), '{"previous": true}\n');
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase };
    const { child, exited } = startCli(['export', '--guild', guild.guild.id, '--out', out], env);
    // The spool holds records once the first member page is in: that is the middle of the scan (30 pages at 150 ms).
    // The page's progress event follows its write, and the guild check may hold it a moment: give it 300 ms.
    const spool = () => readdirSync(out).find((n) => n.startsWith('.members.json.'));
    await waitFor(() => {
      const name = spool();
      return name !== undefined && statSync(join(out, name), { throwIfNoEntry: false })?.size !== 0;
    }, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    child.kill(signal);
    const result = await exited;
    expect(result.code).toBe(status);
    expect(result.stderr).toMatch(new RegExp(`Interrupted by ${signal} after [\\d.]+ s: the export was stopped while running [^\\n]*members[^\\n]*\\(member scan at [\\d,.k]+ of ~[\\d,.k]+\\)\\. Removed 1 temporary file\\(s\\) from `));
    expect(readdirSync(out)).toEqual(['export.json']);
    expect(readFileSync(join(out, 'export.json'), 'utf8')).toBe('{"previous": true}\n');
  }, 60_000);
});

describe('exiting', () => {
  it('--demo with an unusable --out exits at once with 64 (the demo server is closed)', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const run = spawnSync(process.execPath, [CLI, 'export', '--demo', '--out', join(file, 'out')], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(64);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/a-file is a file, not a folder/);
  });

  it('a folder the user cannot write to is exit 73 before any request', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const root = process.getuid?.() === 0;
    if (!root) chmodSync(locked, 0o555);
    fake.resetStats();
    // Permission bits do not bind root: run the CLI as "nobody" then.
    const run = spawnSync(process.execPath, [CLI, 'export', '--guild', guild.guild.id, '--out', locked], {
      encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase },
      ...(root ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(run.status).toBe(73);
    expect(run.stderr).toMatch(/cannot be used: (it is not writable|permission denied)/);
    expect(fake.stats().requests).toBe(0);
  });
});

describe('a closed stdout (piped into head)', () => {
  it.each([
    ['--help', []],
    ['invite-url', ['invite-url', '--client-id', '123456789012345678']],
  ])('%s: no EPIPE crash, exit 0', async (_label, args) => {
    const { child, exited } = startCli(args.length ? args : ['--help']);
    child.stdout.destroy(); // the reader is gone before the first write
    const result = await exited;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('export: the files are still written and the status is the export\'s', async () => {
    const out = join(dir, 'piped');
    const { child, exited } = startCli(['export', '--demo', '--out', out]);
    child.stdout.destroy();
    const result = await exited;
    expect(result.stderr).not.toMatch(/EPIPE|Unexpected/);
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'export.zip'))).toBe(true);
  }, 60_000);
});
