import type { RegressionAction } from './inputs.js';

export interface ThresholdDecision {
  /** Score known and below the threshold, or fallen further than max-score-drop allows: a breach. */
  below: boolean;
  /** Points fallen since the previous snapshot when that fall is the breach (more than max-score-drop), else null. */
  dropped: number | null;
  /** Set the step failed (last). */
  fail: boolean;
  /** Sync the tracking issue (open/update when below, close when recovered). */
  syncIssue: boolean;
  /** Why nothing could be decided, when the score is unknown. */
  note: string | null;
}

/**
 * What to do about the score: pure, so every mode/score pair is unit-tested. A fall is a breach as well as a level:
 * with `maxDrop` set, a score more than that many points below the previous snapshot's is handled like one below the
 * threshold (a server at 95 falling to 72 is noticed even with a threshold of 70).
 */
export function decideThreshold(
  score: number | null,
  threshold: number,
  action: RegressionAction,
  fall: { previous: number | null; maxDrop: number | null } = { previous: null, maxDrop: null },
): ThresholdDecision {
  const wantsIssue = action === 'issue' || action === 'fail-and-issue';
  if (score === null || !Number.isFinite(score)) {
    return { below: false, dropped: null, fail: false, syncIssue: false, note: 'No health score (every check was inconclusive): the threshold was not applied.' };
  }
  const fell = fall.previous !== null && Number.isFinite(fall.previous) ? Math.round((fall.previous - score) * 10) / 10 : 0;
  const dropped = fall.maxDrop !== null && fell > fall.maxDrop ? fell : null;
  const below = score < threshold || dropped !== null;
  return { below, dropped, fail: below && (action === 'fail' || action === 'fail-and-issue'), syncIssue: wantsIssue, note: null };
}
