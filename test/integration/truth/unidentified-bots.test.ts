import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;

const ADMINISTRATOR = (1n << 3n).toString();
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const check = (exp: Json, id: string) => (exp.summary.checks as Json[]).find((c) => c.id === id)!;

// A Discord-compatible server that sends managed roles with `tags: null`, no integrations and no `bot` flag.
describe('bots that cannot be identified', () => {
  const guild = generateGuild({ seed: 61, members: 40, text: 2 });
  const GUILD = guild.guild.id;
  const botRole = guild.guild.roles.find((r) => r.managed && r.tags?.bot_id !== guild.botUserId)!;
  botRole.permissions = ADMINISTRATOR;
  guild.botsUnmarked = true;
  const ctx = useFakeDiscord([guild], { sparse: true });

  for (const members of ['full', 'counts'] as const) {
    it(`members: ${members}: the bots are partial with the reason, and the Administrator role held by the unknown bot fails the check`, async () => {
      const out = join(ctx.dir, `unmarked-${members}`);
      const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', members], ctx.env());
      expect(run.code).toBe(0);
      const exp = JSON.parse(read(out, 'export.json')) as Json;
      expect(exp.meta.collectors.bots.status).toBe('partial');
      const notice = (exp.errors as Json[]).find((e) => e.collector === 'bots' && e.code === 'BOTS_UNIDENTIFIED')!;
      expect(notice.message).toMatch(/^Bots could not all be identified: 2 role\(s\) managed for an app, /);
      expect(notice.message).toContain(`"${botRole.name}"`);
      expect(exp.summary.total_bots).toBeNull();

      const admin = check(exp, 'bots_with_administrator');
      expect(admin.outcome).toBe('fail');
      const finding = (exp.summary.findings as Json[]).find((f) => f.id === 'bots_with_administrator')!;
      expect(finding.evidence).toContainEqual(expect.objectContaining({ id: botRole.id,
        detail: expect.stringMatching(new RegExp(`^managed role ${botRole.name} \\(Administrator\\) held by (1 member|an uncounted number of members), bot not identified$`)) }));
      // No check over the bots passes on a list that may lack them.
      for (const c of exp.summary.checks as Json[]) if (c.category === 'bots') expect([c.id, c.outcome]).not.toEqual([c.id, 'pass']);

      expect(read(out, 'snapshot.md')).not.toMatch(/## Bots\n\n_No bots\._/);
      expect(read(out, 'audit-prompt.md')).toMatch(/## Bots\n\n- Partial \(bots\): Bots could not all be identified/);
    });
  }
});
