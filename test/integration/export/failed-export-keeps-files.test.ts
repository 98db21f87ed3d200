import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';

const OUTPUTS = ['export.json', 'snapshot.md', 'snapshot.json', 'audit-prompt.md', 'export.zip'];
const WRONG = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-token.zyxwvutsrqponmlkjihgfedcba';
/** A valid server id the fake does not serve (404 Unknown Guild). */
const UNKNOWN = '123456789012345678';

const bytesOf = (dir: string) => Object.fromEntries(OUTPUTS.map((name) => [name, readFileSync(join(dir, name))]));

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

// A failed export (Discord refused it, or could not be reached) must never cost the user the last good export in
// the same folder: the five files stay byte for byte, the failure is reported (stderr, --json, exit 2) and
// recorded beside them in export-failed.json, which the next good export removes.
describe('a failed export keeps the last good files', () => {
  const guilds = [generateGuild({ seed: 71, members: 25 }), generateGuild({ seed: 72, members: 25 })];
  const [a, b] = guilds.map((g) => g.guild.id);
  const ctx = useFakeDiscord(guilds);

  async function goodExport(out: string, guild = a): Promise<Record<string, Buffer>> {
    const run = await runCli(['export', '--guild', guild, '--out', out, '--members', 'counts'], ctx.env());
    expect(run.code, run.stderr).toBe(0);
    return bytesOf(out);
  }

  it.each([
    ['a rejected token', () => ['--guild', a], () => ctx.env(WRONG), /rejected the bot token/],
    ['an unknown guild', () => ['--guild', UNKNOWN], () => ctx.env(), /not in that server/],
    ['a refused connection', () => ['--guild', a], async () => ({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: `http://127.0.0.1:${await closedPort()}/api` }), /connection to Discord failed/],
  ] as const)('%s: exit 2, the five files unchanged, export-failed.json beside them', async (label, args, env, cause) => {
    const out = join(ctx.dir, label.replace(/\W+/g, '-'));
    const good = await goodExport(out);
    const run = await runCli(['export', ...args(), '--out', out, '--members', 'counts', '--json'], await env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(cause);
    expect(run.stderr).toContain(`the last good export in ${out} was left as it was, and export-failed.json beside it records this failure`);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: 'fatal', exit_code: 2, fatal: { message: expect.stringMatching(cause) } });
    expect(summary.files).toMatchObject({ json: null, zip: null, failed: join(out, 'export-failed.json') });
    for (const name of OUTPUTS) expect(readFileSync(join(out, name)).equals(good[name]), name).toBe(true);
    expect(readdirSync(out).sort()).toEqual([...OUTPUTS, 'export-failed.json'].sort());
    const failed = JSON.parse(readFileSync(join(out, 'export-failed.json'), 'utf8'));
    expect(failed.meta.fatal.message).toMatch(cause);
    expect(failed.roles).toBeNull();
    expect(run.stdout + run.stderr + JSON.stringify(failed)).not.toContain(WRONG);
  }, 30_000);

  it('the next good export replaces the files and removes export-failed.json', async () => {
    const out = join(ctx.dir, 'recovers');
    await goodExport(out);
    expect((await runCli(['export', '--guild', a, '--out', out], ctx.env(WRONG))).code).toBe(2);
    expect(existsSync(join(out, 'export-failed.json'))).toBe(true);
    await goodExport(out);
    expect(readdirSync(out).sort()).toEqual([...OUTPUTS].sort());
  });

  it('several guilds: the one that fails keeps its own folder\'s last good files; the other is updated', async () => {
    const out = join(ctx.dir, 'several');
    const run = async () => runCli(['export', '--guild', `${a},${b}`, '--out', out, '--members', 'counts', '--json'], ctx.env());
    expect((await run()).code).toBe(0);
    const good = { [a]: bytesOf(join(out, a)), [b]: bytesOf(join(out, b)) };
    // Only one of the two guild reads is refused (whichever is sent first): that guild's export is fatal.
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild', kind: 'status', status: 404, times: 1 }]);
    let second;
    try {
      // The snapshot files carry the export time: a second later they differ for the guild that succeeds.
      await new Promise((done) => setTimeout(done, 1100));
      second = await run();
    } finally {
      ctx.fake.setFaults([]);
    }
    expect(second.code).toBe(2);
    const results = JSON.parse(second.stdout) as { guild: { id: string }; status: string }[];
    const failed = results.find((r) => r.status === 'fatal')!.guild.id;
    const fine = failed === a ? b : a;
    expect(results.find((r) => r.guild.id === fine)!.status).toBe('complete');
    for (const name of OUTPUTS) expect(readFileSync(join(out, failed, name)).equals(good[failed][name]), `${failed}/${name}`).toBe(true);
    expect(existsSync(join(out, failed, 'export-failed.json'))).toBe(true);
    expect(readFileSync(join(out, fine, 'export.json')).equals(good[fine]['export.json'])).toBe(false);
    expect(existsSync(join(out, fine, 'export-failed.json'))).toBe(false);
  }, 30_000);
});
