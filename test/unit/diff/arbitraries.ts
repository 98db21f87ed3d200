import fc from 'fast-check';
import { PERMISSION_FLAGS, bitsOf } from '../../../src/discord/permissions.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { GUILD_ID, channel, guild, ow, role, server } from '../permissions/guild-fixture.js';

// Small id pools so two independently generated exports share most ids (that is where diffs get interesting).
export const ROLE_IDS = ['200000000000000001', '200000000000000002', '200000000000000003', '200000000000000004'];
export const CHANNEL_IDS = ['400000000000000001', '400000000000000002', '400000000000000003', '400000000000000004',
  '400000000000000005', '400000000000000006'];
const CATEGORY_IDS = CHANNEL_IDS.slice(0, 2);
const BOT_IDS = ['600000000000000001', '600000000000000002'];
const MEMBER_ID = '300000000000000001';
const FLAG_NAMES = PERMISSION_FLAGS.map(([name]) => name);

const perms = fc.subarray(FLAG_NAMES, { maxLength: 6 });
const name = fc.constantFrom('alpha', 'beta', 'gamma', 'staff', '@mods', 'a*b_c');
const pick = <T>(items: T[]) => fc.subarray(items);

// 'member' is the placeholder snapshot.json puts in place of member ids.
const MEMBER_TARGETS = [MEMBER_ID, 'member'];
const overwrites = fc.subarray([GUILD_ID, ...ROLE_IDS, ...MEMBER_TARGETS]).chain((ids) =>
  fc.tuple(...ids.map((id) => fc.tuple(perms, perms).map(([allow, deny]) =>
    ow(id, allow, deny.filter((d) => !allow.includes(d)), MEMBER_TARGETS.includes(id) ? 'member' : 'role')))));

const channelArb = (id: string) => fc.record({ name, position: fc.nat(4), ow: overwrites,
  category: fc.constantFrom(null, ...CATEGORY_IDS), topic: fc.constantFrom(null, 'hello') })
  .map((c) => CATEGORY_IDS.includes(id)
    ? channel(id, c.name, c.ow, { type: 4, type_name: 'category', position: c.position })
    : channel(id, c.name, c.ow, { category: c.category, position: c.position, topic: c.topic }));

const roleArb = (id: string) => fc.record({ name, perms, position: fc.integer({ min: 1, max: 6 }), color: fc.nat(2) })
  .map((r) => role(id, r.name, r.perms, { position: r.position, color: r.color }));

const serverArb = fc.record({
  verification_level: fc.nat(4), explicit_content_filter: fc.nat(2), mfa_level: fc.nat(1),
  default_message_notifications: fc.nat(1), features: fc.subarray(['COMMUNITY', 'NEWS', 'INVITE_SPLASH']),
  system_channel_id: fc.constantFrom(null, ...CHANNEL_IDS), name: fc.constantFrom('Guild', 'Guild 2'),
}).map((s) => server(s));

/** A random guild export over the shared id pools. */
export const exportArb: fc.Arbitrary<GuildExport> = fc.record({
  everyone: perms,
  roles: pick(ROLE_IDS).chain((ids) => fc.tuple(...ids.map(roleArb))),
  channels: pick(CHANNEL_IDS).chain((ids) => fc.tuple(...ids.map(channelArb))),
  server: serverArb,
  bots: pick(BOT_IDS).chain((ids) => fc.tuple(...ids.map((id) => fc.record({ name, perms }).map((b) => ({
    id, name: b.name, permissions: bitsOf(b.perms).toString(), permission_names: [], roles: [],
    managed_role: null, added_by: null, added_at: null,
  }))))),
  invites: fc.array(fc.record({ channel: fc.constantFrom(...CHANNEL_IDS), max_age: fc.constantFrom(0, 86400),
    max_uses: fc.constantFrom(0, 5), temporary: fc.boolean(), code: fc.constantFrom('abc', 'xyz') }), { maxLength: 3 }),
  emojis: pick(['700000000000000001', '700000000000000002']).chain((ids) => fc.tuple(...ids.map((id) =>
    name.map((n) => ({ id, name: n, animated: false, managed: false, available: true, roles: [] }))))),
  webhooks: pick(['800000000000000001']).chain((ids) => fc.tuple(...ids.map((id) =>
    fc.record({ name, channel: fc.constantFrom(...CHANNEL_IDS) }).map((w) => ({
      id, name: w.name, type: 1, channel: w.channel, application_id: null, created_by: null,
    }))))),
}).map((g) => {
  const exp = guild(g.everyone, g.roles, g.channels);
  exp.server = g.server;
  exp.bots = g.bots;
  exp.invites = g.invites.map((i) => ({ ...i, uses: 0, created_by: null, created_at: null, expires_at: null }));
  exp.emojis = g.emojis;
  exp.webhooks = g.webhooks;
  return exp;
});
