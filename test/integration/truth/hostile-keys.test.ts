import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild, type FakeGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;

/** Names that are also properties of every plain object: as keys of a `{}` they read as functions or set prototypes. */
const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

/** Gives roles and channels ids and names that plain objects inherit, everywhere they are referenced. */
function withHostileIds(g: FakeGuild): FakeGuild {
  const rename = new Map<string, string>();
  const roles = g.guild.roles.filter((r) => r.id !== g.guild.id && !r.managed).slice(0, HOSTILE.length);
  roles.forEach((r, i) => {
    rename.set(r.id, HOSTILE[i]);
    r.id = HOSTILE[i];
    r.name = HOSTILE[(i + 1) % HOSTILE.length];
  });
  const channels = g.channels.filter((c) => c.type === 0).slice(0, 2);
  channels.forEach((c, i) => {
    rename.set(c.id, HOSTILE[i + 2]);
    c.id = HOSTILE[i + 2];
    c.name = HOSTILE[i];
  });
  const swap = (id: string): string => rename.get(id) ?? id;
  for (const m of g.members) m.roles = m.roles.map(swap);
  for (const c of g.channels) {
    if ('parent_id' in c && c.parent_id) c.parent_id = swap(c.parent_id);
    for (const o of c.permission_overwrites ?? []) o.id = swap(o.id);
  }
  for (const t of g.threads) t.parent_id = t.parent_id ? swap(t.parent_id) : t.parent_id;
  for (const i of g.invites) if (i.channel) i.channel = { ...i.channel, id: swap(i.channel.id) };
  for (const w of g.webhooks) if (w.channel_id) w.channel_id = swap(w.channel_id);
  for (const r of g.automodRules) r.exempt_roles = r.exempt_roles.map(swap);
  return g;
}

describe('ids and names that plain objects inherit (constructor, __proto__, toString)', () => {
  const guild = withHostileIds(generateGuild({ seed: 77, members: 60, text: 4 }));
  const GUILD = guild.guild.id;
  const ctx = useFakeDiscord([guild]);

  for (const members of ['full', 'counts'] as const) {
    it(`export (members: ${members}) completes with every file, counts what it read, and audit and diff read it`, async () => {
      const out = join(ctx.dir, `hostile-${members}`);
      const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', members], ctx.env());
      expect(run.stderr).not.toMatch(/DataCloneError|TypeError|INTERNAL/);
      expect(run.code).toBe(0);
      for (const file of ['export.json', 'snapshot.json', 'snapshot.md', 'audit-prompt.md']) expect(existsSync(join(out, file)), file).toBe(true);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as Json;
      expect(exp.errors.filter((e: Json) => e.code === 'INTERNAL')).toEqual([]);
      for (const id of HOSTILE) {
        const holders = guild.members.filter((m) => m.roles.includes(id)).length;
        const role = (exp.roles as Json[]).find((r) => r.id === id)!;
        expect([id, role.member_count]).toEqual([id, holders]);
        // role_counts serialises as an object keyed by role id, "__proto__" included as an own key.
        if (holders > 0) expect([id, Object.hasOwn(exp.member_stats.role_counts, id) && exp.member_stats.role_counts[id]]).toEqual([id, holders]);
      }
      const held = new Set(guild.members.flatMap((m) => m.roles));
      const unused = (exp.summary.findings as Json[]).find((f) => f.id === 'unused_roles')!;
      for (const e of unused.evidence as Json[]) expect(held.has(e.id)).toBe(false);
      const snap = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8')) as Json;
      expect((snap.channels as Json[]).map((c) => c.id)).toEqual(expect.arrayContaining(['toString', 'hasOwnProperty']));

      const audit = await runCli(['audit', join(out, 'export.json'), '--json'], {});
      expect(audit.stderr).not.toMatch(/TypeError|crashed/);
      expect(audit.code).toBe(0);
      expect(audit.stdout).not.toMatch(/The check crashed/);

      const diff = await runCli(['diff', join(out, 'snapshot.json'), join(out, 'export.json'), '--json']);
      expect(diff.stderr).toBe('');
      expect(diff.code).toBe(0);
      expect((JSON.parse(diff.stdout) as Json).changes.filter((c: Json) => c.entity === 'role' && c.kind !== 'changed')).toEqual([]);
    });
  }

  it('a diff between exports sees a change on a role whose id is "constructor"', async () => {
    const before = join(ctx.dir, 'hostile-before');
    expect((await runCli(['export', '--guild', GUILD, '--out', before, '--formats', 'json'], ctx.env())).code).toBe(0);
    const role = guild.guild.roles.find((r) => r.id === 'constructor')!;
    const old = role.permissions;
    role.permissions = (BigInt(role.permissions) | (1n << 29n)).toString(); // ManageWebhooks
    const after = join(ctx.dir, 'hostile-after');
    expect((await runCli(['export', '--guild', GUILD, '--out', after, '--formats', 'json'], ctx.env())).code).toBe(0);
    role.permissions = old;
    const diff = await runCli(['diff', join(before, 'export.json'), join(after, 'export.json'), '--json']);
    expect(diff.code).toBe(0);
    const changes = (JSON.parse(diff.stdout) as Json).changes as Json[];
    expect(changes.find((c) => c.id === 'constructor' && c.kind === 'permissions_gained')).toBeTruthy();
  });
});
