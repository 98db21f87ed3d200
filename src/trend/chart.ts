import type { HistoryEntry } from './history.js';

/** How many points the chart shows: the newest ones (a wider chart stops being readable in a summary). */
export const CHART_POINTS = 30;

/** The chart's data: one label ("MM-DD", or "YYYY-MM-DD" when the points span years) and score per scored entry. */
export function chartPoints(entries: readonly HistoryEntry[], max = CHART_POINTS): { label: string; score: number }[] {
  const scored = entries.filter((e): e is HistoryEntry & { score: number } => e.score !== null).slice(-max);
  const years = new Set(scored.map((e) => e.date.slice(0, 4)));
  return scored.map((e) => ({ label: years.size > 1 ? e.date.slice(0, 10) : e.date.slice(5, 10), score: Math.round(e.score * 10) / 10 }));
}

/**
 * A Mermaid `xychart-beta` line of the score over time (GitHub renders it in Markdown files, issues and job
 * summaries), or null with fewer than two scored entries: one point is not a trend.
 */
export function scoreChart(entries: readonly HistoryEntry[], max = CHART_POINTS): string | null {
  const points = chartPoints(entries, max);
  if (points.length < 2) return null;
  // Labels are dates the exporter wrote (digits and dashes), never outside text: safe inside the quotes.
  const labels = points.map((p) => `"${p.label}"`).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Health score"',
    `  x-axis [${labels}]`,
    '  y-axis "Score" 0 --> 100',
    `  line [${points.map((p) => p.score).join(', ')}]`,
    '```',
    '',
  ].join('\n');
}
