import type { CheckOutcomeRecord } from '../schema/types.js';

/*
 * Scoring
 * -------
 * Each conclusive check (pass or fail) contributes its weight (severity: critical 10, high 7.5, medium 5, low 2.5,
 * as OpenSSF Scorecard weighs risk; a config file may override) times its score in 0..1; the health score is
 * 100 x sum(weight x score) / sum(weight), rounded. not_applicable, disabled and errored checks are left out.
 * Partial credit: a passing check scores 1 (or less when it passes only in part, e.g. the explicit media filter on
 * members without roles only); a failing check scores half its proportional share: 2 stale channels out of 10
 * give 0.5 x 0.8 = 0.4. Security holes are not proportional: one bot with Administrator or one public staff
 * channel is the whole risk, so those checks score 0 when they fail. Failing is failing, so partial credit only softens it; fixing items raises the share,
 * fixing all of them jumps to 1, so fixing a finding never lowers the score.
 *
 * Size calibration
 * ----------------
 * Some checks guard against threats that grow with the audience: raids and spam from strangers, mass pings,
 * moderation that no longer fits in one person's head. They are flagged `scaleBySize` (verification level,
 * 2FA for moderators, AutoMod, moderation logs, rules channel, default notifications). Their weight in the
 * score is multiplied by a factor taken from the member count:
 *
 *   members        factor
 *   < 50           0.25   a group of friends: nobody needs a mod-log or AutoMod yet
 *   50 .. 249      0.5
 *   250 .. 999     0.75
 *   >= 1000        1      (also when the member count is unknown: no benefit of the doubt)
 *
 * A scaled check that fails is still reported and listed in issues_found; only its pull on the score shrinks.
 * One more size rule: @everyone holding Mention @everyone (Discord's default) scores half a failure under 50
 * members (pinging a dozen friends) and a full failure from 50 up (pinging strangers by the thousand).
 * Checks about things that are wrong at any size (dangerous permissions, admin sprawl, bots with Administrator,
 * permanent invites, hygiene) are never scaled.
 */

/** Below this many members a server counts as small: a group of friends rather than a public community. */
export const SMALL_SERVER_MEMBERS = 50;

/** Weight multiplier for size-scaled checks, by member count (0 = unknown). */
export function sizeFactor(members: number): number {
  if (!Number.isFinite(members) || members <= 0) return 1;
  if (members < SMALL_SERVER_MEMBERS) return 0.25;
  if (members < 250) return 0.5;
  if (members < 1000) return 0.75;
  return 1;
}

/** Why there is no score when conclusive checks exist but all of them weigh 0 (e.g. an audit config set every weight to
 * 0), else null. */
export function zeroWeightNote(checks: readonly CheckOutcomeRecord[]): string | null {
  const conclusive = checks.filter((c) => c.outcome === 'pass' || c.outcome === 'fail');
  return conclusive.length > 0 && conclusive.every((c) => !(c.weight > 0))
    ? `every conclusive check has weight 0 in the audit configuration, so there is no score`
    : null;
}

/** 0-100: the weighted mean of conclusive checks' scores, rounded; null when nothing conclusive carries weight. */
export function scoreChecks(checks: readonly CheckOutcomeRecord[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const c of checks) {
    if ((c.outcome !== 'pass' && c.outcome !== 'fail') || c.score === null || !Number.isFinite(c.score) || !(c.weight > 0) || !Number.isFinite(c.weight)) continue;
    weighted += c.weight * Math.min(1, Math.max(0, c.score));
    total += c.weight;
  }
  if (total === 0) return null;
  const score = Math.round((100 * weighted) / total);
  // A score is a finite 0..100 or nothing: NaN would compare false with any threshold and pass it.
  return Number.isFinite(score) ? Math.min(100, Math.max(0, score)) : null;
}
