import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRole } from 'discord-api-types/v10';
import { bitsOf } from '../../../src/discord/permissions.js';
import { demoGuild, setBotPermissions, startFakeDiscord, type FakeChannel, type FakeDiscord, type FakeGuild } from '../../../src/fake-discord/index.js';
import { call, OPEN_LIMITS } from './write-helpers.js';

let fake: FakeDiscord;
let guild: FakeGuild;
const original = demoGuild(new Date('2026-06-01T00:00:00Z'));

beforeAll(async () => {
  guild = demoGuild(new Date('2026-06-01T00:00:00Z'));
  // Recreating the demo's roles means granting Kick, Ban and more: only a bot holding them (or Administrator) may.
  setBotPermissions(guild, bitsOf(['Administrator']));
  fake = await startFakeDiscord({ guilds: [guild], limits: OPEN_LIMITS });
});
afterAll(() => fake.close());

/** What a restore sends to recreate a channel: its own fields, less those Discord sets. */
function createBody(c: FakeChannel): Record<string, unknown> {
  const { id: _id, guild_id: _g, last_message_id: _l, flags: _f, ...rest } = c as unknown as Record<string, unknown>;
  return rest;
}

describe('fake Discord writes answer the shapes its reads serve', () => {
  it('recreates every kind of demo channel field for field (the id and last message aside)', async () => {
    for (const type of new Set(original.channels.map((c) => c.type))) {
      const c = original.channels.find((x) => x.type === type)!;
      const res = await call(fake, 'POST', `/guilds/${guild.guild.id}/channels`, createBody(c));
      expect(res.status, `type ${type}`).toBe(201);
      const made = res.body as Record<string, unknown>;
      const tags = (c as { available_tags?: unknown[] }).available_tags;
      expect({ ...made, id: c.id, last_message_id: (c as { last_message_id?: unknown }).last_message_id, ...(tags ? { available_tags: tags } : {}) }, `type ${type}`).toEqual(c);
    }
  });

  it('recreates a role field for field (id and position aside)', async () => {
    const r = original.guild.roles.find((x) => x.name === 'Moderator')!;
    const { id: _id, position: _p, managed: _m, flags: _f, ...body } = r;
    const made = (await call(fake, 'POST', `/guilds/${guild.guild.id}/roles`, body)).body as APIRole;
    expect({ ...made, id: r.id, position: r.position }).toEqual(r);
  });
});
