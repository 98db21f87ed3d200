import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GuildExport } from '../../../src/schema/types.js';
import { renderSnapshotMarkdown } from '../../../src/writers/markdown.js';
import { renderSnapshotJson } from '../../../src/writers/snapshot-json.js';
import { fixtureExport } from './fixture.js';

/** The export with every array, at any depth, permuted by `order` (a list of random sort keys). */
function permuted(exp: GuildExport, order: number[]): GuildExport {
  let n = 0;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(walk).map((item) => ({ item, key: order[n++ % order.length] }));
      return items.sort((a, b) => a.key - b.key).map((x) => x.item);
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const copy = walk(exp) as GuildExport;
  // Order that carries meaning in Discord itself (permission names by bit, welcome channels, prompts) is kept.
  copy.roles.forEach((r) => (r.permission_names = exp.roles.find((x) => x.id === r.id)!.permission_names));
  copy.channels.forEach((c) => c.permission_overwrites.forEach((o) => {
    const orig = exp.channels.find((x) => x.id === c.id)!.permission_overwrites.find((x) => x.id === o.id && x.type === o.type)!;
    o.allow_names = orig.allow_names;
    o.deny_names = orig.deny_names;
  }));
  copy.bots.forEach((b) => (b.permission_names = exp.bots.find((x) => x.id === b.id)!.permission_names));
  copy.welcome_screen = exp.welcome_screen;
  copy.summary = exp.summary; // the audit orders its own findings
  copy.onboarding = exp.onboarding;
  copy.automod = copy.automod.map((r) => ({ ...r, actions: exp.automod.find((x) => x.id === r.id)!.actions, trigger_metadata: exp.automod.find((x) => x.id === r.id)!.trigger_metadata }));
  return copy;
}

describe('snapshot output does not depend on the order Discord returned things in', () => {
  const md = renderSnapshotMarkdown(fixtureExport());
  const json = renderSnapshotJson(fixtureExport());

  it('for any permutation of every array', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 40 }), (order) => {
        const exp = permuted(fixtureExport(), order);
        expect(renderSnapshotMarkdown(exp)).toBe(md);
        expect(renderSnapshotJson(exp)).toBe(json);
      }),
      { numRuns: 100 },
    );
  });
});
