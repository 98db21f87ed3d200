import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../fakes/github/index.js';
import { issueMarker, syncTrackingIssue } from '../../../src/github/tracking-issue.js';
import { fakeWithClient } from './helpers.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const GUILD = '123456789012345678';
const opts = (unhealthy: boolean, body = 'score 40') => ({
  guildId: GUILD, labels: ['discord-health', 'ops'], unhealthy, title: 'Health below 70', body, updateComment: `update: ${body}`,
  recoveryComment: 'Recovered.',
});

describe('syncTrackingIssue', () => {
  it('opens one issue, comments on later bad runs, closes on recovery', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const opened = await syncTrackingIssue(env.client, opts(true));
    expect(opened.operation).toBe('opened');
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0].body).toContain(issueMarker(GUILD));
    expect(fake.issues[0].labels).toEqual(['discord-health', 'ops']);

    const updated = await syncTrackingIssue(env.client, opts(true, 'score 35'));
    expect(updated).toMatchObject({ operation: 'updated', number: opened.number });
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0].comments.map((c) => c.body)).toEqual(['update: score 35']);
    // The body always shows the current state and keeps the marker.
    expect(fake.issues[0].body).toMatch(/^score 35\n\n<!-- discord-server-exporter:guild:123456789012345678 -->/);

    const closed = await syncTrackingIssue(env.client, opts(false));
    expect(closed).toMatchObject({ operation: 'closed', number: opened.number });
    expect(fake.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.issues[0].comments.at(-1)?.body).toBe('Recovered.');

    expect(await syncTrackingIssue(env.client, opts(false))).toEqual({ operation: 'none', number: null, url: null });
    expect(fake.violations).toEqual([]);
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
