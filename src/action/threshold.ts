import type { RegressionAction } from './inputs.js';

export interface ThresholdDecision {
  /** Score known and below the threshold. */
  below: boolean;
  /** Set the step failed (last). */
  fail: boolean;
  /** Sync the tracking issue (open/update when below, close when recovered). */
  syncIssue: boolean;
  /** Why nothing could be decided, when the score is unknown. */
  note: string | null;
}

/** What to do about the score: pure, so every mode/score pair is unit-tested. */
export function decideThreshold(score: number | null, threshold: number, action: RegressionAction): ThresholdDecision {
  const wantsIssue = action === 'issue' || action === 'fail-and-issue';
  if (score === null || !Number.isFinite(score)) {
    return { below: false, fail: false, syncIssue: false, note: 'No health score (every check was inconclusive): the threshold was not applied.' };
  }
  const below = score < threshold;
  return { below, fail: below && (action === 'fail' || action === 'fail-and-issue'), syncIssue: wantsIssue, note: null };
}
