import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

// A server that drops the paging cursor answers the same page again and again: the read stops with its reason
// (the collector partial, what was read kept) instead of reading the same page forever.
describe('a paged read whose cursor does not move on', () => {
  const guild = generateGuild({ seed: 33, members: 2_500, text: 1, archivedThreadsPerChannel: 130 });
  const ctx = useFakeDiscord([guild]);

  it('the member list stops after its first page, the repeated page left out', async () => {
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild/members', kind: 'stuck-cursor' }]);
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'members');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env());
    const stats = ctx.fake.stats();
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    expect(stats.byRoute['GET /guilds/:guild/members']).toBe(2);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.meta.collectors.members.status).toBe('partial');
    expect(exp.members).toHaveLength(1000);
    const error = exp.errors.find((e: { collector: string }) => e.collector === 'members');
    expect(error.code).toBe('CURSOR_STUCK');
    expect(error.message).toMatch(/^The pages of GET \/guilds\/\{id\}\/members did not move on: asked for the page after \d+, the answer ended at \d+, so the list would be read forever\. It stops after 1000 records\./);
    expect(error.hint).toContain('ignoring the paging cursor');
  });

  it("a channel's archived threads stop when `before` does not move back", async () => {
    ctx.fake.setFaults([{ route: 'GET /channels/:channel/threads/archived/public', kind: 'stuck-cursor' }]);
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'threads');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json', '--members', 'none'], ctx.env());
    const stats = ctx.fake.stats();
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    // Two pages at most for each channel that holds public threads (the second one repeating the first).
    expect(stats.byRoute['GET /channels/:channel/threads/archived/public']).toBeLessThanOrEqual(2 * 4);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.meta.collectors.threads.status).toBe('partial');
    const error = exp.errors.find((e: { collector: string }) => e.collector === 'threads');
    expect(error.code).toBe('CURSOR_STUCK');
    expect(error.message).toContain('GET /channels/{id}/threads/archived/public did not move on');
  });
});
