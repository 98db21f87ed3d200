import { scoreChart } from './chart.js';
import { recentChanges, type HistoryEntry } from './history.js';

/**
 * The trend section for snapshot.md, the job summary and the tracking issue: the chart and the newest changes.
 * Everything in it was written by the exporter (dates, scores, check ids checked on reading): nothing to escape.
 * '' until there are two entries: a first run has no "over time" to show, only a one-row table with no change.
 */
export function renderTrendMarkdown(entries: readonly HistoryEntry[], changes = 5): string {
  if (entries.length < 2) return '';
  const lines: string[] = [];
  const chart = scoreChart(entries);
  if (chart) lines.push(chart);
  lines.push('| date | score | change | newly failing | fixed |', '| --- | --- | --- | --- | --- |');
  for (const c of recentChanges(entries, changes)) {
    const delta = c.delta === null ? '-' : c.delta > 0 ? `+${c.delta}` : c.delta < 0 ? String(c.delta) : '±0';
    const ids = (list: string[]) => (list.length === 0 ? '-' : list.map((id) => `\`${id}\``).join(', '));
    lines.push(`| ${c.date.slice(0, 10)} | ${c.score === null ? 'n/a' : Math.round(c.score * 10) / 10} | ${delta} | ${ids(c.newlyFailing)} | ${ids(c.fixed)} |`);
  }
  return `${lines.join('\n')}\n`;
}
