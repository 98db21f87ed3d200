import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../fakes/github/index.js';
import { issueMarker, readIssueState, syncTrackingIssue, type TrackingIssueOptions } from '../../../src/github/tracking-issue.js';
import { fakeWithClient } from './helpers.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const GUILD = '123456789012345678';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-01T06:00:00Z');
const opts = (unhealthy: boolean, over: Partial<TrackingIssueOptions> & { day?: number } = {}): TrackingIssueOptions => ({
  guildId: GUILD, labels: ['discord-health', 'ops'], unhealthy, title: 'Health below 70', body: `score ${over.score ?? 40}`,
  updateComment: `update: score ${over.score ?? 40}`, recoveryComment: 'Recovered.', score: 40, failingChecks: ['a-check', 'b-check'],
  now: () => new Date(T0 + (over.day ?? 0) * DAY), ...over,
});

describe('syncTrackingIssue', () => {
  it('opens one issue, rewrites its body every run, comments only when the score or failing checks move, closes on recovery', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const opened = await syncTrackingIssue(env.client, opts(true));
    expect(opened).toMatchObject({ operation: 'opened', commented: true });
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0].body).toContain(issueMarker(GUILD));
    expect(fake.issues[0].labels).toEqual(['discord-health', 'ops']);

    // Day 1: nothing moved. The body is rewritten (it links the latest run), no comment, no notification.
    const quiet = await syncTrackingIssue(env.client, opts(true, { day: 1, body: 'score 40, run 2', failingChecks: ['b-check', 'a-check'] }));
    expect(quiet).toMatchObject({ operation: 'updated', number: opened.number, commented: false });
    expect(fake.issues[0].comments).toEqual([]);
    expect(fake.issues[0].body).toMatch(/^score 40, run 2\n\n<!-- discord-server-exporter:guild:123456789012345678 -->/);

    // Day 2: the score dropped: one comment.
    const moved = await syncTrackingIssue(env.client, opts(true, { day: 2, score: 35 }));
    expect(moved).toMatchObject({ operation: 'updated', commented: true });
    expect(fake.issues[0].comments.map((c) => c.body)).toEqual(['update: score 35']);

    // Day 3: same score, a different failing check: a comment.
    await syncTrackingIssue(env.client, opts(true, { day: 3, score: 35, failingChecks: ['a-check'] }));
    expect(fake.issues[0].comments).toHaveLength(2);
    // Days 4-9: unchanged, quiet. Day 10 (a week after the last comment): a reminder.
    for (const day of [4, 5, 6, 7, 8, 9]) await syncTrackingIssue(env.client, opts(true, { day, score: 35, failingChecks: ['a-check'] }));
    expect(fake.issues[0].comments).toHaveLength(2);
    const reminder = await syncTrackingIssue(env.client, opts(true, { day: 10, score: 35, failingChecks: ['a-check'] }));
    expect(reminder.commented).toBe(true);
    expect(fake.issues[0].comments).toHaveLength(3);
    expect(fake.issues).toHaveLength(1);

    const closed = await syncTrackingIssue(env.client, opts(false, { day: 11 }));
    expect(closed).toMatchObject({ operation: 'closed', number: opened.number });
    expect(fake.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.issues[0].comments.at(-1)?.body).toBe('Recovered.');

    expect(await syncTrackingIssue(env.client, opts(false))).toEqual({ operation: 'none', number: null, url: null, commented: false });
    expect(fake.violations).toEqual([]);
  });

  it('comments when the recorded state was edited away or is not its own', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    await syncTrackingIssue(env.client, opts(true));
    fake.issues[0].body = `hand-edited\n\n${issueMarker(GUILD)}\n<!-- discord-server-exporter:state {"score":1} -->`;
    expect(readIssueState(fake.issues[0].body)).toBeNull();
    const next = await syncTrackingIssue(env.client, opts(true, { day: 1 }));
    expect(next.commented).toBe(true);
    expect(readIssueState(fake.issues[0].body)).toMatchObject({ score: '40', failing: ['a-check', 'b-check'] });
  });

  it('ignores labelled issues of other guilds', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    await syncTrackingIssue(env.client, { ...opts(true), guildId: '223456789012345678' });
    const mine = await syncTrackingIssue(env.client, opts(true));
    expect(mine.operation).toBe('opened');
    expect(fake.issues).toHaveLength(2);
  });
});
