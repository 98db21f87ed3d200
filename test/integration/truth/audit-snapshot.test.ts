import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGuild } from '../../../src/fake-discord/index.js';
import { normalizeExport } from '../../../src/diff/index.js';
import { renderSnapshotJson } from '../../../src/writers/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;  

const guild = demoGuild();

describe('audit over snapshot.json', () => {
  const ctx = useFakeDiscord([guild]);

  it('uses only what the snapshot keeps: checks over blanked fields are not applicable, never a wrong fail or pass', async () => {
    const out = join(ctx.dir, 'run');
    expect((await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env())).code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as Json;
    const fromExport = (id: string) => (exp.summary.checks as Json[]).find((c) => c.id === id)!;
    // The demo guild has invites that expire and ones that never do: over export.json the check judges.
    expect(fromExport('permanent_invites').outcome).toBe('fail');
    expect(['pass', 'fail']).toContain(fromExport('stale_channels').outcome);

    const snapDir = join(ctx.dir, 'snap');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(snapDir);
    const snapshotPath = join(snapDir, 'snapshot.json');
    writeFileSync(snapshotPath, renderSnapshotJson(normalizeExport(exp)));
    expect(JSON.parse(readFileSync(snapshotPath, 'utf8')).meta.left_out).toEqual(expect.arrayContaining(['invites.expires_at', 'channels.last_message_id']));

    const run = await runCli(['audit', snapshotPath, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Json;
    const check = (id: string) => (result.checks as Json[]).find((c) => c.id === id)!;
    expect(check('permanent_invites')).toMatchObject({ outcome: 'not_applicable', message: expect.stringMatching(/^invites\.\w+ not collected: snapshot\.json leaves this field out/) });
    expect(check('stale_channels')).toMatchObject({ outcome: 'not_applicable', message: expect.stringMatching(/not collected: snapshot\.json leaves/) });
    // What the snapshot keeps is judged as over the export.
    for (const id of ['verification_level_low', 'everyone_dangerous_permissions', 'staff_channels_public', 'bots_with_administrator']) {
      expect(check(id).outcome, id).toBe(fromExport(id).outcome);
    }
  });
});
