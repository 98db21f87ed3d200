import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { APIRole } from 'discord-api-types/v10';
import { bitsOf } from '../../../src/discord/permissions.js';
import { generateGuild, RESTORE_BOT_PERMISSIONS, setBotPermissions, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../../../src/fake-discord/index.js';
import { call, OPEN_LIMITS } from './write-helpers.js';

let fake: FakeDiscord;
let guild: FakeGuild;
let gid: string;
const roles = async () => (await call(fake, 'GET', `/guilds/${gid}/roles`)).body as APIRole[];
const botRole = () => guild.guild.roles.find((r) => r.tags?.bot_id === guild.botUserId)!;

beforeAll(async () => {
  guild = generateGuild({ seed: 31, now: new Date('2026-06-01T00:00:00Z') });
  gid = guild.guild.id;
  setBotPermissions(guild, RESTORE_BOT_PERMISSIONS);
  fake = await startFakeDiscord({ guilds: [guild], limits: OPEN_LIMITS });
});
afterAll(() => fake.close());
beforeEach(() => fake.resetStats());

describe('fake Discord role writes', () => {
  it('creates a role at position 1 with a new id above every other, and GET shows it', async () => {
    const before = await roles();
    const res = await call(fake, 'POST', `/guilds/${gid}/roles`, { name: 'Restored', permissions: String(bitsOf(['ViewChannel'])), color: 0x3498db, hoist: true },
      { 'X-Audit-Log-Reason': encodeURIComponent('Restore from export 2026-06-01 (roles)') });
    expect(res.status).toBe(200);
    const role = res.body as APIRole;
    expect(role).toMatchObject({ name: 'Restored', position: 1, color: 0x3498db, hoist: true, managed: false, permissions: String(bitsOf(['ViewChannel'])) });
    expect(before.every((r) => BigInt(r.id) < BigInt(role.id))).toBe(true);
    const after = await roles();
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((r) => r.id === role.id)?.position).toBe(1);
    expect(fake.stats().writes).toEqual([{ method: 'POST', path: `/guilds/${gid}/roles`, status: 200, reason: 'Restore from export 2026-06-01 (roles)' }]);
  });

  it('edits, moves and deletes a role below the bot', async () => {
    const { body } = await call(fake, 'POST', `/guilds/${gid}/roles`, { name: 'Temp' });
    const id = (body as APIRole).id;
    expect((await call(fake, 'PATCH', `/guilds/${gid}/roles/${id}`, { name: 'Renamed', mentionable: true })).body).toMatchObject({ name: 'Renamed', mentionable: true });
    const target = botRole().position - 1;
    const moved = await call(fake, 'PATCH', `/guilds/${gid}/roles`, [{ id, position: target }]);
    expect(moved.status).toBe(200);
    expect((await roles()).find((r) => r.id === id)?.position).toBe(target);
    expect(botRole().position).toBe(target + 1);
    expect((await call(fake, 'DELETE', `/guilds/${gid}/roles/${id}`)).status).toBe(204);
    expect((await roles()).some((r) => r.id === id)).toBe(false);
    expect(fake.stats().refusedWrites).toBe(0);
  });

  it('refuses what Discord refuses, with its bodies, and counts each refusal', async () => {
    const above = guild.guild.roles.find((r) => r.position > botRole().position && !r.managed);
    const managed = guild.guild.roles.find((r) => r.managed && r.id !== botRole().id && r.position < botRole().position);
    const missing = { message: 'Missing Permissions', code: 50013 };
    const answers = [
      await call(fake, 'PATCH', `/guilds/${gid}/roles/${botRole().id}`, { name: 'mine' }),
      await call(fake, 'POST', `/guilds/${gid}/roles`, { name: 'Admin', permissions: String(bitsOf(['Administrator'])) }),
      await call(fake, 'PATCH', `/guilds/${gid}/roles`, [{ id: gid, position: 3 }]),
      await call(fake, 'DELETE', `/guilds/${gid}/roles/1234567890123456789`),
      await call(fake, 'POST', `/guilds/${gid}/roles`, { name: 'x'.repeat(101) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 404, 400]);
    expect(answers[0].body).toEqual(missing);
    expect(answers[1].body).toEqual(missing);
    expect(answers[3].body).toEqual({ message: 'Unknown Role', code: 10011 });
    expect(answers[4].body).toEqual({ message: 'Invalid Form Body', code: 50035,
      errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } } });
    let refused = answers.length;
    if (above) { expect((await call(fake, 'DELETE', `/guilds/${gid}/roles/${above.id}`)).status).toBe(403); refused++; }
    if (managed) { expect((await call(fake, 'DELETE', `/guilds/${gid}/roles/${managed.id}`)).body).toEqual(missing); refused++; }
    expect(fake.stats().refusedWrites).toBe(refused);
  });

  it('answers 30005 past 250 roles', async () => {
    const g = generateGuild({ seed: 32, now: new Date('2026-06-01T00:00:00Z') });
    setBotPermissions(g, bitsOf(['Administrator']));
    while (g.guild.roles.length <= 250) g.guild.roles.push({ ...g.guild.roles[1], id: String(BigInt(g.guild.roles.at(-1)!.id) + 1n), managed: false, tags: undefined });
    const f = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS });
    try {
      const res = await call(f, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'one too many' });
      expect(res).toMatchObject({ status: 400, body: { message: 'Maximum number of guild roles reached (250)', code: 30005 } });
      expect(f.stats().refusedWrites).toBe(1);
    } finally {
      await f.close();
    }
  });
});
