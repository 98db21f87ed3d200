import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ChannelType } from 'discord-api-types/v10';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { SECTIONS } from '../../../src/schema/coverage.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;

/** Sections whose data the diff reads from another section (voice and forum settings and stage channels are channels;
 * access is channel visibility, compared from roles and overwrites). */
const COMPARED_ELSEWHERE = ['voice', 'stage', 'access'];

describe('the diff compares every configuration section, and names the ones it never compares', () => {
  const guild = generateGuild({ seed: 71, members: 30, text: 2, voice: 1, forum: 1 });
  const GUILD = guild.guild.id;
  const ctx = useFakeDiscord([guild]);

  it('onboarding, welcome screen, soundboard, voice bitrate and forum tags changes show; members, counts and bans are named', async () => {
    const before = join(ctx.dir, 'before');
    expect((await runCli(['export', '--guild', GUILD, '--out', before, '--formats', 'json'], ctx.env())).code).toBe(0);

    guild.onboarding = { ...guild.onboarding, enabled: !guild.onboarding.enabled };
    guild.soundboardSounds[0] = { ...guild.soundboardSounds[0], volume: 0.25 };
    const voice = guild.channels.find((c) => c.type === ChannelType.GuildVoice)! as { bitrate?: number; id: string };
    voice.bitrate = 96000;
    const forum = guild.channels.find((c) => c.type === ChannelType.GuildForum)! as { available_tags?: { id: string; name: string; moderated: boolean; emoji_id: null; emoji_name: null }[]; id: string };
    forum.available_tags = [...(forum.available_tags ?? []), { id: '1', name: 'announcements', moderated: true, emoji_id: null, emoji_name: null }];
    guild.welcomeScreen = { description: 'Hello there', welcome_channels: [] };

    const after = join(ctx.dir, 'after');
    expect((await runCli(['export', '--guild', GUILD, '--out', after, '--formats', 'json'], ctx.env())).code).toBe(0);
    const run = await runCli(['diff', join(before, 'export.json'), join(after, 'export.json'), '--json']);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as Json;
    const changes = diff.changes as Json[];
    expect(changes.find((c) => c.entity === 'onboarding')?.details).toEqual([`enabled: ${!guild.onboarding.enabled} -> ${guild.onboarding.enabled}`]);
    expect(changes.find((c) => c.entity === 'sound')?.details).toEqual([expect.stringMatching(/^volume: [\d.]+ -> 0\.25$/)]);
    expect(changes.find((c) => c.id === voice.id)?.details).toEqual([expect.stringMatching(/^bitrate: \d+ -> 96000$/)]);
    expect(changes.find((c) => c.id === forum.id)?.details).toEqual([expect.stringMatching(/^tags: .* -> .*announcements \(moderators only\)/)]);
    expect(changes.find((c) => c.entity === 'welcome_screen')).toMatchObject({ kind: expect.stringMatching(/^(added|changed)$/) });

    // Every section is compared, compared through another, or named as never compared.
    const compared = new Set(['server', 'roles', 'channels', 'bots', 'threads', 'webhooks', 'invites', 'automod', 'integrations', 'emojis',
      'stickers', 'events', 'onboarding', 'welcome_screen', 'soundboard']);
    const outOfScope = (diff.out_of_scope as Json[]).map((n) => n.section);
    expect(outOfScope).toEqual(['members', 'member_stats', 'bans', 'forums']);
    for (const n of diff.out_of_scope as Json[]) expect(n.reason).toMatch(/not configuration/);
    for (const s of SECTIONS) expect([s, compared.has(s) || outOfScope.includes(s) || COMPARED_ELSEWHERE.includes(s)]).toEqual([s, true]);
  });

  it('a section not collected on one side (onboarding 404) is not compared, with the reason', async () => {
    const before = join(ctx.dir, 'nc-before');
    expect((await runCli(['export', '--guild', GUILD, '--out', before, '--formats', 'json'], ctx.env())).code).toBe(0);
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild/onboarding', kind: 'status', status: 403 }]);
    const after = join(ctx.dir, 'nc-after');
    const exported = await runCli(['export', '--guild', GUILD, '--out', after, '--formats', 'json'], ctx.env());
    ctx.fake.setFaults([]);
    expect(exported.code).toBe(0);
    const diff = JSON.parse((await runCli(['diff', join(before, 'export.json'), join(after, 'export.json'), '--json'])).stdout) as Json;
    expect((diff.not_compared as Json[]).map((n) => n.section)).toContain('onboarding');
    expect((diff.changes as Json[]).filter((c) => c.entity === 'onboarding')).toEqual([]);
  });
});
