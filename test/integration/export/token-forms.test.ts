import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';
import { startMisbehavingServer } from '../../helpers/misbehaving-server.js';
import { readZip } from '../../helpers/zip.js';

/** The token spelled with JSON escapes: the same string once parsed. */
const escaped = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

// The token is accepted as `Bot <token>`; a server that echoes the bare token back (in names, in an error message,
// plainly or spelled with JSON escapes) must not get it into any file or any line printed.
describe('the token given as "Bot <token>" and echoed back bare', () => {
  const guild = generateGuild({ seed: 51, members: 25, text: 3 });
  guild.guild.name = `Guild ${TEST_TOKEN}`;
  guild.guild.roles[1].name = TEST_TOKEN;
  guild.members[0].nick = `nick ${TEST_TOKEN}`;
  guild.channels[0].name = `chan-${TEST_TOKEN}`;
  const ctx = useFakeDiscord([guild]);

  it('appears in none of the files, the ZIP entries, stdout or stderr', async () => {
    const front = await startMisbehavingServer(ctx.fake.apiBase, [
      { pick: /\/guilds\/\d+\/channels/, how: { rewrite: (body) => body.split(TEST_TOKEN).join(escaped(TEST_TOKEN)) } },
      { pick: /\/guilds\/\d+\/invites/, how: { answer: { status: 403, body: { message: `Missing Access for ${TEST_TOKEN}`, code: 50001 } } } },
    ]);
    try {
      const out = join(ctx.dir, 'out');
      const run = await runCli(['export', '--guild', guild.guild.id, '--out', out], { DISCORD_TOKEN: `Bot ${TEST_TOKEN}`, DISCORD_API_BASE: front.apiBase });
      expect(run.code).toBe(0);

      const names = readdirSync(out).sort();
      expect(names).toEqual(['audit-prompt.md', 'export.json', 'export.zip', 'snapshot.json', 'snapshot.md']);
      const texts: Record<string, string> = { stdout: run.stdout, stderr: run.stderr };
      for (const name of names.filter((n) => n !== 'export.zip')) texts[name] = readFileSync(join(out, name), 'utf8');
      for (const [name, text] of Object.entries(readZip(join(out, 'export.zip')).files)) texts[`export.zip:${name}`] = text;
      for (const [where, text] of Object.entries(texts)) expect(text.includes(TEST_TOKEN), where).toBe(false);

      // Scrubbed where it was echoed, not dropped: the rest of each name is there.
      const exp = JSON.parse(texts['export.json']);
      expect(exp.server.name).toBe('Guild ***');
      expect(exp.channels.some((c: { name: string }) => c.name === 'chan-***')).toBe(true);
      expect(exp.errors.find((e: { collector: string }) => e.collector === 'invites').message).toContain('Missing Access for ***');
      expect(run.stdout).toContain('Guild ***');
    } finally {
      await front.close();
    }
  });
});
