import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';
import { startMisbehavingServer, type MisbehavingServer } from '../../helpers/misbehaving-server.js';

// Three servers in one run, the bot without access to the third: that one fails alone. Only an answer about the
// token itself (401 "401: Unauthorized", code 0, as Discord sends for a bad token) is a rejected token.
const a = generateGuild({ seed: 'denied-a', members: 30, text: 3 });
const b = generateGuild({ seed: 'denied-b', members: 30, text: 3 });
const c = generateGuild({ seed: 'denied-c', members: 30, text: 3 });
let fake: FakeDiscord;
let dir: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [a, b, c], token: TEST_TOKEN, timeScale: 0.02 });
  dir = mkdtempSync(join(tmpdir(), 'dse-denied-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const cases = [
  { name: '403 Missing Access', answer: { status: 403, body: { message: 'Missing Access', code: 50001 } } },
  { name: '401 with a code that is not about the token', answer: { status: 401, body: { message: 'Missing Access', code: 50001 } } },
];

describe('one server of several without access', () => {
  for (const c3 of cases) {
    it(`${c3.name}: that server fails alone, the others are complete`, async () => {
      let proxy: MisbehavingServer | null = null;
      try {
        proxy = await startMisbehavingServer(fake.apiBase, [{ pick: new RegExp(`/guilds/${c.guild.id}`), how: { answer: c3.answer } }]);
        const out = join(dir, c3.name.replace(/\W+/g, '-'));
        const run = await runCli(['export', '--guild', [a, b, c].map((g) => g.guild.id).join(','), '--out', out, '--formats', 'json'],
          { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: proxy.apiBase });
        expect(run.code).toBe(2);
        for (const ok of [a, b]) {
          const exp = JSON.parse(readFileSync(join(out, ok.guild.id, 'export.json'), 'utf8'));
          expect(exp.errors).toEqual([]);
          expect(exp.members).toHaveLength(ok.members.length);
        }
        const denied = JSON.parse(readFileSync(join(out, c.guild.id, 'export-failed.json'), 'utf8'));
        expect(denied.meta.fatal.message).toContain(`The bot cannot read guild ${c.guild.id}`);
        expect(denied.meta.fatal.message).not.toMatch(/rejected the bot token/);
        expect(run.stderr).not.toMatch(/rejected the (bot )?token/);
      } finally {
        await proxy?.close();
      }
    });
  }
});
