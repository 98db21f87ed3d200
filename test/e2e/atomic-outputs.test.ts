import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../src/fake-discord/index.js';
import { TEST_TOKEN } from '../helpers/fake-discord.js';
import { readZip } from '../helpers/zip.js';

const CLI = resolve('dist/cli.js');
const OUTPUTS = ['export.json', 'snapshot.md', 'snapshot.json', 'audit-prompt.md', 'export.zip'];

const small = generateGuild({ seed: 41, members: 30, text: 2 });
// Big enough that writing export.json and its ZIP takes a while (tens of MB): the kill lands in the middle of it.
const big = generateGuild({ seed: 42, members: 60_000, text: 3 });

let fake: FakeDiscord;
let dir: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [small, big], token: TEST_TOKEN, timeScale: 0.01 });
  dir = mkdtempSync(join(tmpdir(), 'dse-e2e-atomic-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function exportInto(out: string, guildId: string) {
  return spawn(process.execPath, [CLI, 'export', '--guild', guildId, '--out', out], {
    env: { PATH: process.env.PATH, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase },
    stdio: 'ignore',
  });
}

/** The folder holds one whole generation: every output present, all from the same export, the ZIP's entries equal to the files. */
function generationOf(out: string): string {
  for (const name of OUTPUTS) expect(existsSync(join(out, name)), name).toBe(true);
  const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
  const snapshot = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8'));
  expect(snapshot.server.id).toBe(exp.server.id);
  expect(readFileSync(join(out, 'snapshot.md'), 'utf8')).toContain(exp.server.name);
  const zip = readZip(join(out, 'export.zip'));
  for (const name of OUTPUTS.filter((n) => n !== 'export.zip')) expect(zip.files[name], name).toBe(readFileSync(join(out, name), 'utf8'));
  return exp.server.id;
}

describe('a re-export killed while it writes', () => {
  it('leaves the folder holding one whole generation (SIGKILL mid-write)', async () => {
    const out = join(dir, 'out');
    const first = exportInto(out, small.guild.id);
    expect(await new Promise((done) => first.on('exit', done))).toBe(0);
    expect(generationOf(out)).toBe(small.guild.id);
    const good = Object.fromEntries(OUTPUTS.map((n) => [n, readFileSync(join(out, n))]));
    const goodStat = statSync(join(out, 'export.json'));

    const child = exportInto(out, big.guild.id);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Kill as soon as writing is well under way: a file being written past 1 MB (under its temporary name, or
    // export.json itself if it were written in place).
    const writing = () => {
      for (const name of readdirSync(out)) {
        if (!/export\.(json|zip)/.test(name)) continue;
        const s = statSync(join(out, name), { throwIfNoEntry: false });
        if (!s) continue;
        if (name === 'export.json' && (s.size !== goodStat.size || s.mtimeMs !== goodStat.mtimeMs)) return true;
        if (name !== 'export.json' && name !== 'export.zip' && s.size > 1024 * 1024) return true;
      }
      return false;
    };
    let killed = false;
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (child.exitCode !== null) {
          clearInterval(timer);
          done();
        } else if (writing()) {
          child.kill('SIGKILL');
          killed = true;
          clearInterval(timer);
          done();
        }
      }, 2);
    });
    await exited;
    expect(killed, 'the export finished before it could be killed mid-write').toBe(true);

    const generation = generationOf(out);
    if (generation === small.guild.id) {
      for (const name of OUTPUTS) expect(readFileSync(join(out, name)).equals(good[name]), name).toBe(true);
    } else {
      expect(generation).toBe(big.guild.id);
    }
  });
});
