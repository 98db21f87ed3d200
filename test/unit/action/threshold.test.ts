import { describe, expect, it } from 'vitest';
import { decideThreshold } from '../../../src/action/threshold.js';

describe('decideThreshold', () => {
  it.each([
    [50, 70, 'fail', { below: true, fail: true, syncIssue: false }],
    [50, 70, 'issue', { below: true, fail: false, syncIssue: true }],
    [50, 70, 'fail-and-issue', { below: true, fail: true, syncIssue: true }],
    [50, 70, 'none', { below: true, fail: false, syncIssue: false }],
    [70, 70, 'fail', { below: false, fail: false, syncIssue: false }],
    [90, 70, 'issue', { below: false, fail: false, syncIssue: true }],
    [0, 0, 'fail-and-issue', { below: false, fail: false, syncIssue: true }],
  ] as const)('score %d, threshold %d, %s', (score, threshold, action, expected) => {
    expect(decideThreshold(score, threshold, action)).toMatchObject(expected);
  });

  it('does nothing but explain when there is no score', () => {
    const decision = decideThreshold(null, 70, 'fail-and-issue');
    expect(decision).toMatchObject({ fail: false, syncIssue: false });
    expect(decision.note).toContain('inconclusive');
  });

  it('never compares a score that is not a finite number with the threshold', () => {
    for (const score of [NaN, Infinity, -Infinity]) {
      expect(decideThreshold(score, 70, 'fail-and-issue'), String(score)).toMatchObject({ below: false, fail: false, syncIssue: false, note: expect.stringContaining('threshold was not applied') });
    }
  });

  it('treats a fall of more than max-score-drop like a breach, whatever the level', () => {
    expect(decideThreshold(72, 70, 'fail', { previous: 95, maxDrop: 10 })).toMatchObject({ below: true, dropped: 23, fail: true });
    expect(decideThreshold(90, 70, 'issue', { previous: 95, maxDrop: 10 })).toMatchObject({ below: false, dropped: null, syncIssue: true });
    expect(decideThreshold(85, 70, 'fail', { previous: 95, maxDrop: 10 })).toMatchObject({ below: false, dropped: null, fail: false });
    expect(decideThreshold(72, 70, 'fail', { previous: 95, maxDrop: null })).toMatchObject({ below: false, fail: false });
    expect(decideThreshold(72, 70, 'fail', { previous: null, maxDrop: 10 })).toMatchObject({ below: false, fail: false });
  });
});
