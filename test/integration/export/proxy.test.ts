import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { startForwardProxy, type ForwardProxy } from '../../helpers/forward-proxy.js';

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

// A self-hosted runner behind a company proxy: the process environment names it, as it does for every tool there.
describe('the Discord client behind HTTP_PROXY / HTTPS_PROXY / NO_PROXY', () => {
  const guild = generateGuild({ seed: 61, members: 30, text: 3 });
  const ctx = useFakeDiscord([guild]);
  let proxy: ForwardProxy;
  const saved = Object.fromEntries(PROXY_VARS.map((name) => [name, process.env[name]]));
  beforeAll(async () => {
    proxy = await startForwardProxy();
  });
  afterAll(() => proxy.close());
  afterEach(() => {
    for (const name of PROXY_VARS) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  async function exportNow(name: string) {
    ctx.fake.resetStats();
    const out = join(ctx.dir, name);
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env());
    // A failed export keeps the folder's last good files and records why in export-failed.json.
    const file = run.code === 2 ? 'export-failed.json' : 'export.json';
    return { run, exp: JSON.parse(readFileSync(join(out, file), 'utf8')), served: ctx.fake.stats().requests };
  }

  it('sends every request through the proxy HTTP_PROXY names', async () => {
    const origin = new URL(ctx.fake.apiBase).host;
    process.env.HTTP_PROXY = proxy.url;
    const before = proxy.tunnels.length + proxy.forwarded.length;
    const { run, exp, served } = await exportNow('proxied');
    expect(run.code).toBe(0);
    expect(exp.errors).toEqual([]);
    expect(exp.members).toHaveLength(guild.members.length);
    const through = [...proxy.tunnels, ...proxy.forwarded].slice(before);
    expect(through.length).toBeGreaterThan(0);
    // Every connection the fake served came through the proxy: none was dialled directly (nor opened ahead).
    expect(ctx.fake.stats().connections).toBe(through.length);
    for (const target of through) expect(target).toContain(origin);
    expect(served).toBeGreaterThan(10);
  });

  it('connects directly to a host NO_PROXY exempts, with the sockets opened ahead as usual', async () => {
    process.env.http_proxy = proxy.url;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const before = proxy.tunnels.length + proxy.forwarded.length;
    const { run, exp } = await exportNow('exempt');
    expect(run.code).toBe(0);
    expect(exp.errors).toEqual([]);
    expect(proxy.tunnels.length + proxy.forwarded.length).toBe(before);
  });

  it('a proxy that is down fails the export with a network error, not a hang', async () => {
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    const started = Date.now();
    const { run, exp } = await exportNow('proxy-down');
    expect(run.code).not.toBe(0);
    expect(exp.errors[0]).toMatchObject({ code: 'NETWORK' });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
