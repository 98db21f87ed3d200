import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { buildSnapshotFiles, commitMessage } from '../../../src/action/snapshot.js';
import { issueBody, issueTitle, issueUpdateComment, pullRequestBody, pullRequestTitle, type MessageContext } from '../../../src/action/messages.js';
import { DEFAULT_COMMIT_MESSAGE } from '../../../src/action/inputs.js';
import { diffExports, renderDiffCommitBody, renderDiffMarkdown } from '../../../src/diff/index.js';
import { renderJobSummary } from '../../../src/github/summary.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

/** What a server member can put into a name: every piece tries to break out of the text it lands in. */
const ATTACK = 'Evil\n## Pwned [click](https://evil.example) ![i](https://evil.example/x.png) <img src=x onerror=alert(1)> ' +
  '<script>alert(1)</script> </details> `code` @everyone @octocat #1 \u202eoverride\u200b\r\nCo-authored-by: Pwned <p@evil.example>';

/** Lines where outside text may appear: after our own prefix, never at the start of a line. */
function linesStartedByName(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*(Pwned|Co-authored-by|\[click\]|<)/.test(line));
}

/** Markdown or HTML that would act when GitHub renders the text. */
function activeMarkup(text: string): string[] {
  const found = [
    ...text.matchAll(/(^|[^\\])<(img|script|\/details)/g),
    ...text.matchAll(/(^|[^\\])\]\(https/g),
    ...text.matchAll(/https:\/\/evil/g),
  ].map((m) => m[0]);
  if (/[\u202a-\u202e\u2066-\u2069]/.test(text)) found.push('bidi override');
  return found;
}

/** GitHub mentions and issue references that would notify or link. */
function mentions(text: string): string[] {
  return [...text.matchAll(/(^|[^\w`])(@[A-Za-z0-9][\w-]*|#\d+)/g)].map((m) => m[2]);
}

describe('hostile server, channel and role names in everything written', () => {
  const guild = generateGuild({ seed: 15, members: 20, categories: 2, text: 4 });
  guild.guild.name = ATTACK;
  const categories = guild.channels.filter((c) => c.type === 4);
  categories[0].name = ATTACK;
  categories[1].name = `${'#'.repeat(3)} ${'<script>'.repeat(12_500)}`; // 100,000 characters
  const text = guild.channels.filter((c) => c.type === 0);
  text[0].name = `staff ${ATTACK}`;
  (text[0] as { topic?: string | null }).topic = ATTACK;
  text[1].name = '#2 @here';
  const roles = guild.guild.roles.filter((r) => r.id !== guild.guild.id);
  roles[2].name = ATTACK;
  roles[3].name = ATTACK;
  const ctx = useFakeDiscord([guild]);

  let exp: GuildExport;
  it('snapshot.md and audit-prompt.md hold the names as plain text', async () => {
    const out = join(ctx.dir, 'hostile');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out], ctx.env());
    expect(run.code).toBe(0);
    exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as GuildExport;
    expect(exp.server?.name).toBe(ATTACK); // export.json keeps the data as Discord sent it

    const snapshot = readFileSync(join(out, 'snapshot.md'), 'utf8');
    expect(snapshot.split('\n')[0]).toMatch(/^# Evil ## Pwned \\\[click\\\]/);
    expect(snapshot).toContain('\n### Evil ## Pwned');
    expect(snapshot).toContain('\n### ### \\<script\\>');
    expect(snapshot.length).toBeLessThan(100_000);
    expect(activeMarkup(snapshot)).toEqual([]);
    expect(linesStartedByName(snapshot)).toEqual([]);
    // Outside text only in our headings, table rows and labelled lines.
    for (const line of snapshot.split('\n').filter((l) => l.includes('Pwned'))) expect(line).toMatch(/^(# |### |\| |Category overwrites: )/);

    const prompt = readFileSync(join(out, 'audit-prompt.md'), 'utf8');
    expect(activeMarkup(prompt)).toEqual([]);
    expect(linesStartedByName(prompt)).toEqual([]);
    expect(prompt.split('\n').filter((l) => /^#/.test(l)).every((l) => /^(# Discord server health audit|## [A-Z])/.test(l) && !l.includes('Pwned'))).toBe(true);
  });

  it('the commit message, PR and issue titles and bodies, and the job summary make the names inert', () => {
    const files = buildSnapshotFiles(exp, 'snaps', { includeInviteCodes: false });
    // The last run did not have the hostile channel and roles yet: the diff names them.
    const before = structuredClone(files.snapshot);
    before.channels = before.channels.filter((c) => !c.name.startsWith('staff'));
    before.roles = before.roles.filter((r) => r.name !== ATTACK);
    const diff = diffExports(before, files.snapshot);
    expect(diff.changes.length).toBeGreaterThan(0);

    const message = commitMessage(DEFAULT_COMMIT_MESSAGE, { guildName: exp.server!.name, guildId: exp.meta.scope.guild_id, score: '50' }, renderDiffCommitBody(diff));
    const [subject] = message.split('\n');
    expect(subject).toMatch(/^Discord snapshot: Evil ## Pwned .* \(\d+\)$/);
    expect(linesStartedByName(message)).toEqual([]);
    expect(message).not.toMatch(/^Co-authored-by:/im);
    expect(mentions(message)).toEqual([]);
    expect(message).not.toMatch(/[\u202a-\u202e\r]/);

    const messageCtx: MessageContext = { guildName: exp.server!.name, guildId: exp.meta.scope.guild_id, score: 50, previousScore: 60, threshold: 70, runUrl: null };
    for (const title of [pullRequestTitle(messageCtx), issueTitle(messageCtx)]) {
      expect(title).not.toMatch(/[\r\n\u2028\u202e]/);
      expect(mentions(title)).toEqual([]);
      expect(title.length).toBeLessThanOrEqual(256);
    }
    const md = renderDiffMarkdown(diff);
    const checks = exp.summary.checks;
    const bodies = [
      pullRequestBody(messageCtx, md, md, 'main'),
      issueBody(messageCtx, checks, exp.summary.findings),
      issueUpdateComment(messageCtx, 3, md),
    ];
    for (const body of bodies) {
      expect(activeMarkup(body)).toEqual([]);
      expect(linesStartedByName(body)).toEqual([]);
      expect(mentions(body)).toEqual([]);
    }
    expect(bodies[1]).toContain('Involves: ');
    const summary = renderJobSummary({
      guildName: exp.server!.name, guildId: exp.meta.scope.guild_id, score: 50, previousScore: 60, threshold: 70, exportStatus: 'complete',
      checks, findings: exp.summary.findings, changes: md, changeCount: diff.changes.length, snapshotChanged: true, links: {}, problems: [ATTACK],
    });
    // The summary's own collapsed section (its opening and closing tags, each alone on a line) is not outside text.
    const outside = summary.replace(/^<details><summary>Other checks: [^<\n]*<\/summary>$|^<\/details>$/gm, '');
    expect(outside).not.toBe(summary);
    expect(activeMarkup(outside)).toEqual([]);
    expect(linesStartedByName(outside)).toEqual([]);
    expect(summary).toMatch(/Involves: .*Evil ## Pwned \\\[click/);
  });
});
