/** A score as users read it: at most one decimal, "n/a" when inconclusive. */
export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : String(Math.round(score * 10) / 10);
}

/** "72.3/100", or "n/a" (never "n/a/100") when inconclusive. */
export function scoreOutOf100(score: number | null): string {
  return score === null ? 'n/a' : `${formatScore(score)}/100`;
}

/** "+3.5" / "-2" / "±0", or null when either side is unknown. */
export function formatDelta(score: number | null, previous: number | null): string | null {
  if (score === null || previous === null) return null;
  // From the rounded values, so the delta always matches the two numbers shown.
  const delta = (Math.round(score * 10) - Math.round(previous * 10)) / 10;
  return delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : '±0';
}

/** One bold line: score, delta from the last snapshot, and the threshold verdict. */
export function scoreLine(score: number | null, previous: number | null, threshold: number): string {
  const delta = formatDelta(score, previous);
  const change = delta === null ? (previous === null ? ' (no earlier snapshot)' : '') : ` (${delta} from ${formatScore(previous)})`;
  const verdict =
    score === null ? 'no score: every check was inconclusive' : threshold <= 0 ? 'no threshold set' : score < threshold ? `below the threshold of ${threshold}` : `meets the threshold of ${threshold}`;
  return `**Health score: ${scoreOutOf100(score)}**${change}: ${verdict}.`;
}
