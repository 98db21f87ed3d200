import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIUser } from 'discord-api-types/v10';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runExport } from '../../../src/pipeline/run-export.js';
import type { MembersMode } from '../../../src/schema/types.js';
import { TEST_TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';
import { readZip } from '../../helpers/zip.js';

/** A guild where different people own it, made invites and events, and hold member overwrites. */
function peopleEverywhere() {
  const guild = generateGuild({ seed: 23, members: 30, invites: 3, events: 2, webhooks: 2 });
  const humans = guild.members.filter((m) => !m.user.bot).map((m) => m.user as APIUser);
  guild.invites.forEach((invite, i) => (invite.inviter = humans[3 + i]));
  guild.events.forEach((event, i) => Object.assign(event, { creator_id: humans[8 + i].id, creator: humans[8 + i] }));
  guild.channels[1].permission_overwrites = [...(guild.channels[1].permission_overwrites ?? []), { id: humans[12].id, type: 1, allow: '1024', deny: '0' }];
  guild.channels[2].permission_overwrites = [...(guild.channels[2].permission_overwrites ?? []), { id: humans[13].id, type: 1, allow: '0', deny: '2048' }];
  return { guild, humanIds: humans.map((u) => u.id), codes: guild.invites.map((i) => i.code) };
}

/** Every file an export wrote, by name, with the ZIP's entries read out ("export.zip/<entry>"). */
function writtenFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.zip')) {
      for (const [entry, text] of Object.entries(readZip(join(dir, name)).files)) files[`${name}/${entry}`] = text;
    } else files[name] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}

/** Which of `values` occur in which file. */
function occurrences(files: Record<string, string>, values: string[]): string[] {
  return Object.entries(files).flatMap(([name, text]) => values.filter((v) => text.includes(v)).map((v) => `${name}: ${v}`));
}

describe('what leaves the process: invite codes and member identities', () => {
  const { guild, humanIds, codes } = peopleEverywhere();
  const ctx = useFakeDiscord([guild]);
  const exportTo = async (name: string, members: MembersMode, inviteCodes?: boolean) => {
    const outDir = join(ctx.dir, name);
    const outcome = await runExport({
      guildId: guild.guild.id, token: TEST_TOKEN, apiBase: ctx.fake.apiBase, demo: false, outDir, only: null, skip: [], members,
      maxMembers: null, formats: ['json', 'markdown', 'prompt', 'zip'], strict: false, auditConfigPath: null, promptBudget: 12_000,
      ...(inviteCodes === undefined ? {} : { inviteCodes }),
    });
    expect(outcome.status).toBe('complete');
    return writtenFiles(outDir);
  };

  it('members: counts and none write no user id of any member, in any file or ZIP entry', async () => {
    for (const mode of ['counts', 'none'] as const) {
      const files = await exportTo(`ids-${mode}`, mode);
      expect(Object.keys(files).sort()).toEqual(['audit-prompt.md', 'export.json', 'export.zip/audit-prompt.md', 'export.zip/export.json',
        'export.zip/snapshot.json', 'export.zip/snapshot.md', 'snapshot.json', 'snapshot.md']);
      expect(occurrences(files, humanIds), mode).toEqual([]);
      const exp = JSON.parse(files['export.json']);
      expect(exp.server.owner).toBe('');
      expect(exp.invites.every((i: { created_by: string | null }) => i.created_by === null)).toBe(true);
      expect(exp.events.every((e: { creator_id: string | null }) => e.creator_id === null)).toBe(true);
      const overwrites = exp.channels.flatMap((c: { permission_overwrites: { type: string; id: string }[] }) => c.permission_overwrites.filter((o) => o.type === 'member'));
      expect(overwrites.length).toBeGreaterThanOrEqual(2);
      expect(overwrites.every((o: { id: string }) => o.id === 'member')).toBe(true);
      // The audit still saw them: counted, not named.
      expect(exp.access.reduce((n: number, a: { member_overwrites: number }) => n + a.member_overwrites, 0)).toBeGreaterThan(0);
    }
  });

  it('members: full keeps them in export.json (and only there)', async () => {
    const files = await exportTo('ids-full', 'full');
    expect(occurrences({ 'export.json': files['export.json'] }, humanIds)).toHaveLength(humanIds.length);
    for (const name of ['snapshot.json', 'snapshot.md', 'audit-prompt.md']) expect(occurrences({ [name]: files[name] }, humanIds)).toEqual([]);
  });

  it('invite codes: never in snapshot.json or snapshot.md; in export.json only unless turned off', async () => {
    const local = await exportTo('codes-local', 'counts');
    expect(occurrences(local, codes).sort()).toEqual(codes.flatMap((c) => [`export.json: ${c}`, `export.zip/export.json: ${c}`]).sort());
    const off = await exportTo('codes-off', 'counts', false);
    expect(occurrences(off, codes)).toEqual([]);
    const exp = JSON.parse(off['export.json']);
    expect(exp.invites).toHaveLength(codes.length);
    expect(exp.invites.every((i: { code: string; max_age: number }) => i.code === '' && typeof i.max_age === 'number')).toBe(true);
  });
});
