import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { validateExport } from '../../../src/schema/validate.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { startMisbehavingServer, type Misbehaviour } from '../../helpers/misbehaving-server.js';
import { readZip } from '../../helpers/zip.js';

const INVITES = /\/guilds\/\d+\/invites/;

// A server between the exporter and Discord that answers one route with headers and then a body that never ends:
// the request fails within its bounds, that collector alone fails, and the export finishes as partial.
describe('a response that never completes fails its request, not the export', () => {
  const guild = generateGuild({ seed: 31, members: 40, text: 2 });
  const ctx = useFakeDiscord([guild]);

  async function exportThrough(how: Misbehaviour, name: string, timeoutMs: number) {
    const front = await startMisbehavingServer(ctx.fake.apiBase, [{ pick: INVITES, how }]);
    try {
      const out = join(ctx.dir, name);
      const started = Date.now();
      const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--timeout', String(timeoutMs)], { ...ctx.env(), DISCORD_API_BASE: front.apiBase });
      const seconds = (Date.now() - started) / 1000;
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      return { run, seconds, exp, out, hits: front.hits, bytesSent: front.bytesSent };
    } finally {
      await front.close();
    }
  }

  it('headers then a byte a second: --timeout bounds the whole request, tried twice at most', async () => {
    const { run, seconds, exp, out, hits } = await exportThrough('trickle', 'trickle', 1000);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Partial export');
    expect(exp.errors).toHaveLength(1);
    expect(exp.errors[0]).toMatchObject({ collector: 'invites', status: 'failed', code: 'TIMEOUT' });
    expect(exp.meta.collectors.roles.status).toBe('ok');
    expect(exp.members).toHaveLength(guild.members.length);
    expect(validateExport(exp).errors).toEqual([]);
    // One attempt and one retry, each cut at the timeout (not four attempts, and never the minutes a trickle lasts).
    expect(hits).toBe(2);
    expect(seconds).toBeLessThan(6);
    expect(JSON.parse(readZip(join(out, 'export.zip')).files['export.json']).errors).toHaveLength(1);
  });

  it('an endless body: read up to the cap, then that request fails with a clear message and is not retried', async () => {
    const rssBefore = process.memoryUsage().rss;
    const { run, seconds, exp, hits, bytesSent } = await exportThrough('endless', 'endless', 15_000);
    expect(run.code).toBe(0);
    expect(exp.errors).toHaveLength(1);
    expect(exp.errors[0]).toMatchObject({ collector: 'invites', status: 'failed', code: 'BODY_TOO_LARGE' });
    expect(exp.errors[0].message).toMatch(/larger than 32 MiB/);
    expect(run.stderr).toMatch(/invites.*larger than 32 MiB/);
    expect(exp.members).toHaveLength(guild.members.length);
    expect(hits).toBe(1);
    // The client hung up just past the cap (what was in flight in socket buffers aside), and kept none of it.
    expect(bytesSent).toBeLessThan(48 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(seconds).toBeLessThan(10);
  });
});
