import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FakeDiscordContext } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';
import type { FakeGuild } from '../../../src/fake-discord/index.js';
import type { GuildExport } from '../../../src/schema/types.js';

/** Exports the guild to <dir>/<name>/ and returns the export.json path. */
export async function exportTo(ctx: FakeDiscordContext, guildId: string, name: string, extra: string[] = []): Promise<string> {
  const out = join(ctx.dir, name);
  const run = await runCli(['export', '--guild', guildId, '--out', out, '-q', ...extra], ctx.env());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return join(out, 'export.json');
}

export function readJson(file: string): GuildExport {
  return JSON.parse(readFileSync(file, 'utf8')) as GuildExport;
}

/** A nuke as seen in the wild: channels and roles deleted, @everyone made Administrator, the server renamed. */
export function handRaid(g: FakeGuild): void {
  g.guild.name = 'nuked \u001b[31mlol';
  const bot = new Set(g.members.find((m) => m.user.id === g.botUserId)?.roles ?? []);
  g.guild.roles = g.guild.roles.filter((r, i) => i % 3 !== 1 || r.managed || bot.has(r.id) || r.id === g.guild.id);
  g.guild.roles.find((r) => r.id === g.guild.id)!.permissions = '8';
  g.channels = g.channels.filter((_c, i) => i % 2 === 0);
}

/** The sections a restore puts back, in a form two exports of different servers (or ids) compare equal on. */
export function restoredShape(exp: GuildExport) {
  const roleName = new Map(exp.roles.map((r) => [r.id, r.is_everyone ? '@everyone' : r.name]));
  const channelName = new Map(exp.channels.map((c) => [c.id, c.name]));
  return {
    server: exp.server && { name: exp.server.name, verification_level: exp.server.verification_level, explicit_content_filter: exp.server.explicit_content_filter, default_message_notifications: exp.server.default_message_notifications, system: channelName.get(exp.server.system_channel_id ?? '') ?? null, rules: channelName.get(exp.server.rules_channel_id ?? '') ?? null },
    roles: exp.roles.map((r) => ({ name: r.is_everyone ? '@everyone' : r.name, color: r.color, hoist: r.hoist, mentionable: r.mentionable, permissions: r.permission_names })),
    channels: exp.channels.map((c) => ({
      name: c.name, type: c.type, parent: c.category ? channelName.get(c.category) : null, topic: c.topic, nsfw: c.nsfw, slowmode: c.slowmode,
      overwrites: c.permission_overwrites.map((o) => ({ to: o.type === 'role' ? roleName.get(o.id) : o.id, allow: o.allow_names, deny: o.deny_names })).sort((a, b) => String(a.to).localeCompare(String(b.to))),
    })).sort((a, b) => `${a.parent}/${a.name}`.localeCompare(`${b.parent}/${b.name}`)),
  };
}

/** The demo guild with the bot's own role granted Administrator, as a restore asks (it may grant only what it holds). */
export function adminBotGuild(g: FakeGuild): FakeGuild {
  const mine = new Set(g.members.find((m) => m.user.id === g.botUserId)?.roles ?? []);
  for (const r of g.guild.roles) if (mine.has(r.id)) r.permissions = (BigInt(r.permissions) | 8n).toString();
  return g;
}
