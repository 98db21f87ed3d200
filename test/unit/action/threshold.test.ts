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
});
