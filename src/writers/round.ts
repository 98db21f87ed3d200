/** Rounds a volatile count to 2 significant figures (exact below 100), so small churn does not change snapshots. */
export function roundCount(n: number): number {
  if (!Number.isFinite(n) || Math.abs(n) < 100) return n;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(n))) - 1);
  return Math.round(n / step) * step;
}

/** A rounded count for people: "1,437" becomes "~1,400"; counts below 100 stay exact. */
export function formatApproxCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return 'unknown';
  const rounded = roundCount(n);
  return `${rounded === n ? '' : '~'}${formatCount(rounded)}`;
}

/**
 * An integer with thousands separators, as en-US writes it ("1437000" becomes "1,437,000"). Written out rather than
 * toLocaleString: the same on every machine, and no ICU number formatter to build (a few milliseconds on first use).
 */
export function formatCount(n: number): string {
  // Counts are whole numbers; anything else is shown as it is rather than silently truncated.
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}
