import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { NOT_OFFERED_HINT } from '../../../src/discord/errors.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { startMisbehavingServer, type MisbehavingServer, type Rule } from '../../helpers/misbehaving-server.js';

interface ExportError { collector: string; status: string; code: string | number | null; message: string; hint: string }

const HTML = '<!DOCTYPE html><html><head><title>Not Found</title></head><body><h1>Not Found</h1></body></html>';
const html404 = { answer: { status: 404, body: HTML, contentType: 'text/html; charset=utf-8' } };

// What a server that is not Discord answers: each is told apart from Discord's own answers by the code it lacks.
describe('answers that are not Discord\'s', () => {
  const guild = generateGuild({ seed: 57, members: 40, text: 2 });
  const guildId = guild.guild.id;
  const ctx = useFakeDiscord([guild]);
  let proxy: MisbehavingServer | null = null;
  afterEach(async () => {
    await proxy?.close();
    proxy = null;
  });
  const through = async (rules: Rule[]) => {
    proxy = await startMisbehavingServer(ctx.fake.apiBase, rules);
    return { ...ctx.env(), DISCORD_API_BASE: proxy.apiBase };
  };

  it('a 404 without a Discord "Unknown ..." code on one route: that collector is not collected, the route named, never "deleted" or empty', async () => {
    const env = await through([
      { pick: /\/onboarding/, how: { answer: { status: 404, body: { message: 'Endpoint not found', code: 404 } } } },
      { pick: /\/scheduled-events/, how: { answer: { status: 404, body: { message: 'Not Found' } } } },
      { pick: /\/soundboard-sounds/, how: { answer: { status: 404, body: { message: '404: Not Found', code: 0 } } } },
      { pick: /\/welcome-screen/, how: html404 },
    ]);
    const out = join(ctx.dir, 'routes');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], env);
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    const errors = exp.errors as ExportError[];
    const answers: [string, string, string][] = [
      ['onboarding', 'onboarding', '"Endpoint not found" (code 404)'],
      ['events', 'scheduled-events', '"Not Found", without an error code'],
      ['soundboard', 'soundboard-sounds', '"404: Not Found" (code 0)'],
      ['welcome_screen', 'welcome-screen', 'an HTML page'],
    ];
    for (const [collector, route, answer] of answers) {
      expect([collector, exp.meta.collectors[collector].status]).toEqual([collector, 'failed']);
      const mine = errors.filter((e) => e.collector === collector);
      expect(mine).toHaveLength(1);
      expect(mine[0].code).toBe('NOT_OFFERED');
      expect(mine[0].message).toBe(`This server does not offer GET /guilds/{id}/${route} (404 without a Discord error code: it answered ${answer}); a Discord-compatible server may not implement it.`);
      expect(mine[0].hint).toBe(NOT_OFFERED_HINT);
      expect(mine[0].message + mine[0].hint).not.toMatch(/deleted|not in that server/);
    }
    // Not collected is never shown as empty.
    expect(exp.welcome_screen).toEqual({ not_collected: expect.stringContaining('does not offer GET /guilds/{id}/welcome-screen') });
    expect(exp.meta.collectors.channels.status).toBe('ok');
  });

  const foreign: { name: string; rule: Rule['how']; answered: string }[] = [
    { name: 'HTML pages with 404', rule: html404, answered: '404 with an HTML page' },
    { name: '404 everywhere, as Discord answers a route it does not have', rule: { answer: { status: 404, body: { message: '404: Not Found', code: 0 } } }, answered: '404 with "404: Not Found" (code 0)' },
    { name: 'a JSON 404 with its own code', rule: { answer: { status: 404, body: { message: 'Endpoint not found', code: 404 } } }, answered: '404 with "Endpoint not found" (code 404)' },
    { name: 'HTML pages with 200', rule: { answer: { status: 200, body: HTML, contentType: 'text/html' } }, answered: '200 with a body that is not a JSON object' },
    { name: 'JSON that is not Discord\'s shape', rule: { answer: { status: 200, body: { status: 'ok', service: 'something else' } } }, answered: '200 with JSON that is not a Discord guild (it has no `id`)' },
  ];
  for (const c of foreign) {
    it(`an API base that answers ${c.name}: fatal, exit 2, names the API base, not "the bot is not in that server"`, async () => {
      const env = await through([{ pick: /./, how: c.rule }]);
      const out = join(ctx.dir, `foreign-${c.name.replace(/\W+/g, '-')}`);
      const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`The API base ${proxy!.apiBase.replace(/\/+$/, '')} does not answer like Discord's API (GET /guilds/{id} answered ${c.answered}): check --api-base / DISCORD_API_BASE / the api-base input.`);
      expect(run.stderr).toMatch(/What to do: Leave --api-base/);
      expect(run.stderr).not.toMatch(/not in that server|invite the bot/i);
      const failed = JSON.parse(readFileSync(join(out, 'export-failed.json'), 'utf8'));
      expect(JSON.stringify(failed)).toContain('NOT_DISCORD');
      expect(existsSync(join(out, 'export.json'))).toBe(false);
    });
  }

  it('several servers: the guild read that goes first is judged the same way', async () => {
    const env = await through([{ pick: /./, how: html404 }]);
    const run = await runCli(['export', '--guild', `${guildId},123456789012345678`, '--out', join(ctx.dir, 'several')], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not answer like Discord\'s API (GET /guilds/{id} answered 404 with an HTML page)');
    expect(run.stderr).not.toMatch(/not in that server/);
  });

  it('plan reads the live server first: an API base answering HTML is named the same way, exit 2', async () => {
    const out = join(ctx.dir, 'plan-source');
    expect((await runCli(['export', '--guild', guildId, '--out', out, '-q', '--formats', 'json'], ctx.env())).code).toBe(0);
    const env = await through([{ pick: /./, how: html404 }]);
    const run = await runCli(['plan', join(out, 'export.json'), '--guild', guildId], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not answer like Discord\'s API (GET /guilds/{id} answered 404 with an HTML page): check --api-base');
    expect(run.stderr).not.toMatch(/not in that server/);
  });

  it('Discord\'s own Unknown Guild (10004) and Missing Access (50001) keep "the bot is not in that server" and the invite hint', async () => {
    const unknown = await runCli(['export', '--guild', '123456789012345678', '--out', join(ctx.dir, 'unknown')], ctx.env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/not in that server/);
    expect(unknown.stderr).toMatch(/invite the bot/);
    expect(unknown.stderr).not.toMatch(/API base/);

    const env = await through([{ pick: new RegExp(`/guilds/${guildId}(\\?|$)`), how: { answer: { status: 403, body: { message: 'Missing Access', code: 50001 } } } }]);
    const denied = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'denied')], env);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/not in that server/);
    expect(denied.stderr).toMatch(/invite the bot/);
    expect(denied.stderr).not.toMatch(/API base/);
  });
});
