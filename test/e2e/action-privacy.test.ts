/**
 * The bundled action against a guild with hostile names and live invite codes, in a private repository with the
 * default inputs: nothing it commits, posts or uploads carries an invite code, a member id, or a name that acts.
 * Build dist/ first: npm run bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { APIUser } from 'discord-api-types/v10';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github/index.js';
import { startFakeDiscord, demoGuild, DEMO_GUILD_ID } from '../../src/fake-discord/index.js';
import { ACTION_ENTRY, NODE24, runAction, visibleLog } from './action-harness.js';
import { readZip } from '../helpers/zip.js';

const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.E2Eprv.e2e-discord-secret-token-value';
const HOSTILE = 'Harbor\n## Pwned [x](https://evil.example) <img src=x> </details> @everyone @octocat #1\r\nCo-authored-by: P <p@evil.example>';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dse-e2e-privacy-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function artifactEntries(bytes: Buffer): Record<string, string> {
  const path = join(tempDir(), 'export.zip');
  writeFileSync(path, bytes);
  return readZip(path).files;
}

function show(github: FakeGitHub, spec: string): string {
  return execFileSync('git', ['--git-dir', github.bareRepoPath, 'show', spec], { encoding: 'utf8' });
}

/** GitHub mentions and issue references that would notify or link. */
const mentions = (text: string): string[] => [...text.matchAll(/(^|[^\w`])(@[A-Za-z0-9][\w-]*|#\d+)/g)].map((m) => m[2]);

describe.skipIf(!existsSync(ACTION_ENTRY) || !existsSync(NODE24))('the action keeps codes, identities and hostile names inert (end to end)', () => {
  it('private repository, default inputs, pull request and tracking issue', async () => {
    const guild = demoGuild();
    guild.guild.name = HOSTILE;
    const humans = guild.members.filter((m) => !m.user.bot).map((m) => m.user as APIUser);
    guild.invites.forEach((invite, i) => (invite.inviter = humans[i % humans.length]));
    guild.channels[1].permission_overwrites = [...(guild.channels[1].permission_overwrites ?? []), { id: humans[2].id, type: 1, allow: '1024', deny: '0' }];
    const codes = guild.invites.map((i) => i.code);
    expect(codes.length).toBeGreaterThan(0);
    const discord = await startFakeDiscord({ guilds: [guild], token: DISCORD_TOKEN });
    cleanups.push(() => discord.close());
    const github = await startFakeGitHub();
    cleanups.push(() => github.close());
    const inputs = {
      'discord-token': DISCORD_TOKEN, 'guild-id': DEMO_GUILD_ID, 'api-base': discord.apiBase, 'github-token': github.token,
      commit: 'pull-request', 'health-threshold': '99', 'on-regression': 'issue',
    };

    const run = await runAction({ node: NODE24, github, private: true, inputs });
    expect(run.code, visibleLog(run)).toBe(0);
    const branch = `discord-snapshots/${DEMO_GUILD_ID}`;
    const dir = `discord-snapshots/${DEMO_GUILD_ID}`;
    const snapshotJson = show(github, `${branch}:${dir}/snapshot.json`);
    const snapshotMd = show(github, `${branch}:${dir}/snapshot.md`);
    const message = execFileSync('git', ['--git-dir', github.bareRepoPath, 'log', '-1', '--format=%B', branch], { encoding: 'utf8' });
    const artifact = artifactEntries(github.artifacts[0].bytes);
    for (const code of codes) {
      expect(snapshotJson).not.toContain(code);
      for (const [name, text] of Object.entries(artifact)) expect(text, name).not.toContain(code);
    }
    for (const id of humans.map((u) => u.id)) {
      for (const [name, text] of Object.entries({ ...artifact, 'snapshot.json': snapshotJson, 'snapshot.md': snapshotMd })) expect(text, name).not.toContain(id);
    }

    expect(snapshotMd.split('\n')[0]).toBe('# Harbor ## Pwned \\[x\\](https:\\/\\/evil.example) \\<img src=x\\> \\</details\\> @everyone @octocat #1 Co-authored-by: P \\<p@evil.example\\>');
    expect(snapshotMd).not.toMatch(/(^|[^\\])<(img|\/details)/);
    const [subject, ...rest] = message.trimEnd().split('\n');
    expect(subject).toMatch(/^Discord snapshot: Harbor ## Pwned /);
    expect(rest.join('\n')).not.toMatch(/^(Co-authored-by|Pwned|## )/im);
    expect(mentions(message)).toEqual([]);
    const pull = github.pulls[0];
    const issue = github.issues[0];
    for (const text of [pull.title, issue!.title]) {
      expect(text).not.toMatch(/[\r\n]/);
      expect(mentions(text)).toEqual([]);
    }
    // The summary's own collapsed section (its tags alone on their lines) is not outside text.
    const summary = run.summary.replace(/^<details><summary>Other checks: [^<\n]*<\/summary>$|^<\/details>$/gm, '');
    for (const text of [pull.body ?? '', issue!.body ?? '', summary]) {
      expect(text).not.toMatch(/(^|[^\\])<(img|script|\/details)/);
      expect(text).not.toMatch(/^(Pwned|Co-authored-by)/m);
    }
    for (const text of [pull.body ?? '', issue!.body ?? '']) expect(mentions(text)).toEqual([]);

    // Opting in keeps the codes in the committed snapshot.
    const again = await runAction({ node: NODE24, github, private: true, inputs: { ...inputs, 'include-invite-codes': 'true' } });
    expect(again.code, visibleLog(again)).toBe(0);
    const withCodes = show(github, `${branch}:${dir}/snapshot.json`);
    for (const code of codes) expect(withCodes).toContain(`"code": "${code}"`);
  }, 120_000);
});
