import { describe, expect, it } from 'vitest';
import { diffExports } from '../../../src/diff/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { guild, role } from '../permissions/guild-fixture.js';

const MODS = '200000000000000001';

/** A trimmed snapshot keeping only flag names; one of them is a name every plain object inherits. */
function trimmed(names: string[]): GuildExport {
  const exp = guild(['ViewChannel'], [role(MODS, 'Mods', [], { position: 1 })], []);
  const mods = exp.roles.find((r) => r.id === MODS)! as unknown as Record<string, unknown>;
  delete mods.permissions;
  mods.permission_names = names;
  return exp;
}

describe('permission names that plain objects inherit', () => {
  it('add no bit: bitsOf("constructor") is 0 and a diff over such names reads the real flags', () => {
    expect(bitsOf(['constructor', '__proto__', 'toString'])).toBe(0n);
    const d = diffExports(trimmed(['constructor', 'KickMembers']), trimmed(['toString', 'KickMembers', 'Administrator']));
    expect(d.changes.filter((c) => c.kind === 'permissions_gained').map((c) => [c.id, c.summary])).toEqual([[MODS, 'gained Administrator']]);
  });
});
