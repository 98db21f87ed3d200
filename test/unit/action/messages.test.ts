import { describe, expect, it } from 'vitest';
import { inertMentions } from '../../../src/text/escape.js';
import { issueBody, issueTitle, issueUpdateComment, pullRequestBody, pullRequestTitle, recoveryComment, type MessageContext } from '../../../src/action/messages.js';

const ctx: MessageContext = { guildName: 'Cafe', guildId: '123456789012345678', score: 61, previousScore: 66, threshold: 70, runUrl: 'https://github.com/o/r/actions/runs/9' };

describe('pull request and issue text', () => {
  it('titles name the guild, the score and the threshold', () => {
    expect(pullRequestTitle(ctx)).toBe('Discord snapshot: Cafe (health 61)');
    expect(issueTitle(ctx)).toBe('Discord server health below 70: Cafe');
  });

  it('the PR body says what merging changes, and the latest update when the PR already existed', () => {
    const first = pullRequestBody(ctx, null, null, 'main');
    expect(first).toContain('`main` has no snapshot yet: merging adds the first one.');
    expect(first).toContain('(-5 from 66)');
    expect(first).not.toContain('Latest update');
    const later = pullRequestBody(ctx, '- role **Mods**: gained Administrator', '- channel **#x**: removed', 'main');
    expect(later).toMatch(/What merging changes on `main`\n\n- role \*\*Mods\*\*: gained Administrator/);
    expect(later).toMatch(/Latest update \(since the previous run\)\n\n- channel \*\*#x\*\*: removed/);
    expect(later).toContain('[this run](https://github.com/o/r/actions/runs/9)');
  });

  it('stays under GitHub\'s body limit', () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `- change ${i}`).join('\n');
    expect(Buffer.byteLength(pullRequestBody(ctx, huge, huge, 'main'))).toBeLessThanOrEqual(60_000);
  });

  it('update comments are short: score, delta, failing count, what changed', () => {
    const comment = issueUpdateComment(ctx, 4, '- role **Mods**: gained Administrator');
    expect(comment).toMatch(/^Still below the threshold: \*\*Health score: 61\/100\*\* \(-5 from 66\)/);
    expect(comment).toContain('4 failing checks');
    expect(comment).toContain('gained Administrator');
    expect(recoveryComment({ ...ctx, score: 75 })).toBe('Recovered: the health score is 75, at or above the threshold of 70. ([run](https://github.com/o/r/actions/runs/9)) Closing.');
  });

  it('never mentions GitHub users or links issues from Discord names', () => {
    expect(inertMentions('@everyone and @Admins in #2024-events, ### heading, a@b')).toBe('@\u200beveryone and @\u200bAdmins in #\u200b2024-events, ### heading, a@\u200bb');
    const body = issueBody(ctx, [{ id: 'c', title: 'T', category: 'x', severity: 'critical', weight: 1, outcome: 'fail', score: 0, message: '@everyone holds MentionEveryone.' }], []);
    expect(body).not.toMatch(/@everyone/);
    expect(body).toContain('@\u200beveryone holds MentionEveryone.');
  });
});
