import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffExports, renderDiffMarkdown, type DiffChange } from '../../../src/diff/index.js';
import { DANGEROUS_PERMISSIONS, bitsOf, toBits } from '../../../src/discord/permissions.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { GUILD_ID, ow } from '../permissions/guild-fixture.js';
import { exportArb } from './arbitraries.js';

const RUNS = { numRuns: 150 };
const clone = (e: GuildExport): GuildExport => structuredClone(e);

const MIRROR: Record<string, string> = {
  added: 'removed', removed: 'added', permissions_gained: 'permissions_lost', permissions_lost: 'permissions_gained',
  overwrite_added: 'overwrite_removed', overwrite_removed: 'overwrite_added', became_public: 'became_private',
  became_private: 'became_public', setting_lowered: 'setting_raised', setting_raised: 'setting_lowered',
};
const key = (c: DiffChange, mirror = false): string =>
  `${c.entity}|${c.id}|${mirror ? MIRROR[c.kind] ?? c.kind : c.kind}`;

describe('diff properties', () => {
  it('diff(a, a) is empty, also when list order differs', () => {
    fc.assert(fc.property(exportArb, (a) => {
      const b = clone(a);
      b.roles.reverse();
      b.channels.reverse();
      b.invites.reverse();
      for (const c of b.channels) c.permission_overwrites.reverse();
      expect(diffExports(a, a).changes).toEqual([]);
      expect(diffExports(a, b).changes).toEqual([]);
    }), RUNS);
  });

  it('diff(a, b) and diff(b, a) mirror each other', () => {
    fc.assert(fc.property(exportArb, exportArb, (a, b) => {
      const forward = diffExports(a, b).changes.map((c) => key(c, true)).sort();
      const backward = diffExports(b, a).changes.map((c) => key(c)).sort();
      expect(backward).toEqual(forward);
    }), RUNS);
  });

  it('output is byte-stable whatever the order of the input lists', () => {
    fc.assert(fc.property(exportArb, exportArb, (a, b) => {
      const shuffled = clone(b);
      shuffled.roles.reverse();
      shuffled.channels.reverse();
      shuffled.bots.reverse();
      shuffled.invites.reverse();
      expect(renderDiffMarkdown(diffExports(a, shuffled))).toBe(renderDiffMarkdown(diffExports(a, b)));
      expect(JSON.stringify(diffExports(a, shuffled))).toBe(JSON.stringify(diffExports(a, b)));
    }), RUNS);
  });
});

/** An escalation applied to an export: returns the (before, after) pair and what must be reported. */
type Escalation = (exp: GuildExport) => { before: GuildExport; after: GuildExport; entity: string[]; id: string };

const grantDangerous = (roleIndex: number, permIndex: number): Escalation => (exp) => {
  const before = clone(exp);
  const target = before.roles[roleIndex % before.roles.length];
  const flag = bitsOf([DANGEROUS_PERMISSIONS[permIndex % DANGEROUS_PERMISSIONS.length]]);
  target.permissions = (toBits(target.permissions) & ~flag).toString();
  const after = clone(before);
  const r = after.roles.find((x) => x.id === target.id)!;
  r.permissions = (toBits(r.permissions) | flag).toString();
  return { before, after, entity: ['role'], id: target.id };
};

const openPrivateChannel = (channelIndex: number): Escalation => (exp) => {
  const before = clone(exp);
  // @everyone with Administrator sees everything: nothing could be private.
  const everyone = before.roles.find((r) => r.is_everyone)!;
  everyone.permissions = (toBits(everyone.permissions) & ~bitsOf(['Administrator'])).toString();
  const ch = before.channels[channelIndex % before.channels.length];
  ch.permission_overwrites = [...ch.permission_overwrites.filter((o) => o.id !== GUILD_ID), ow(GUILD_ID, [], ['ViewChannel'])];
  const after = clone(before);
  const ach = after.channels.find((c) => c.id === ch.id)!;
  ach.permission_overwrites = [...ach.permission_overwrites.filter((o) => o.id !== GUILD_ID), ow(GUILD_ID, ['ViewChannel'])];
  return { before, after, entity: ['channel', 'category'], id: ch.id };
};

const addAdminBot: Escalation = (exp) => {
  const after = clone(exp);
  const id = '690000000000000001';
  after.bots.push({ id, name: 'evil', permissions: bitsOf(['Administrator']).toString(), permission_names: ['Administrator'],
    roles: [], managed_role: null, added_by: null, added_at: null });
  return { before: exp, after, entity: ['bot'], id };
};

const lowerSafety = (which: number): Escalation => (exp) => {
  const before = clone(exp);
  const after = clone(exp);
  const key = (['verification_level', 'explicit_content_filter', 'mfa_level'] as const)[which % 3];
  before.server![key] = key === 'verification_level' ? 4 : key === 'explicit_content_filter' ? 2 : 1;
  after.server![key] = 0;
  return { before, after, entity: ['guild'], id: before.server!.id };
};

const escalationArb: fc.Arbitrary<Escalation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat()).map(([r, p]) => grantDangerous(r, p)),
  fc.nat().map(openPrivateChannel),
  fc.constant(addAdminBot),
  fc.nat().map(lowerSafety),
);

describe('escalations', () => {
  it('applying an escalation to a random guild is always reported as one, listed first', () => {
    fc.assert(fc.property(exportArb, escalationArb, (exp, escalate) => {
      fc.pre(exp.channels.length > 0);
      const { before, after, entity, id } = escalate(exp);
      const diff = diffExports(before, after);
      const hit = diff.changes.find((c) => c.escalation && entity.includes(c.entity) && c.id === id);
      expect(hit, JSON.stringify(diff.changes, null, 1)).toBeDefined();
      expect(diff.changes[0].escalation).toBe(true);
      expect(diff.escalations).toBeGreaterThan(0);
    }), RUNS);
  });
});
