import { describe, expect, it } from 'vitest';
import { createActionProgress } from '../../../src/action/progress-log.js';

describe('createActionProgress', () => {
  it('prints one line per collector as it ends and the member count every ~10 s, never raw outside text', () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = createActionProgress((line) => lines.push(line), { now: () => clock });
    progress.onEvent({ type: 'start', collector: 'roles' });
    progress.onEvent({ type: 'done', collector: 'roles', status: 'ok', count: 12 });
    progress.onEvent({ type: 'done', collector: 'invites', status: 'failed', count: 0 });
    for (let second = 1; second <= 25; second++) {
      clock = second * 1000;
      progress.onEvent({ type: 'members', fetched: second * 4000, total: 100_000 });
    }
    clock = 26_000;
    progress.onEvent({ type: 'members', fetched: 100_000, total: 100_000 });
    progress.onEvent({ type: 'done', collector: 'members\n::error::x', status: 'partial', count: 100_000 });
    progress.finish();
    expect(lines).toEqual([
      'roles: done (12)',
      'invites: FAILED (0)',
      'Members: 40,000 of ~100,000 read (10 s)',
      'Members: 80,000 of ~100,000 read (20 s)',
      'members :\u200b:error:\u200b:x: partial (100,000)',
      'Members: 100,000 of ~100,000 read (26 s)',
    ]);
  });

  it('says nothing about members on a short scan (the collector line has the count)', () => {
    const lines: string[] = [];
    const progress = createActionProgress((line) => lines.push(line), { now: () => 0 });
    progress.onEvent({ type: 'members', fetched: 250, total: null });
    progress.onEvent({ type: 'done', collector: 'members', status: 'ok', count: 250 });
    progress.finish();
    expect(lines).toEqual(['members: done (250)']);
  });
});
