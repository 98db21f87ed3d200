import { describe, expect, it } from 'vitest';
import { appendHistory, HISTORY_LIMIT, parseHistory, recentChanges, renderHistory } from '../../../src/trend/history.js';
import { scoreChart } from '../../../src/trend/chart.js';
import { renderBadge } from '../../../src/trend/badge.js';
import { renderTrendMarkdown } from '../../../src/trend/markdown.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();

describe('history.json', () => {
  it('round-trips, one entry per line, sorted by date', () => {
    const entries = appendHistory(appendHistory([], { date: day(2), score: 80, failing: ['b', 'a'] }), { date: day(1), score: 90, failing: [] });
    const text = renderHistory(entries);
    expect(text.split('\n')).toHaveLength(5);
    expect(parseHistory(text)).toEqual([{ date: day(1), score: 90, failing: [] }, { date: day(2), score: 80, failing: ['a', 'b'] }]);
  });

  it('keeps the newest entries only', () => {
    let entries = parseHistory('[]');
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) entries = appendHistory(entries, { date: day(i), score: 50, failing: [] });
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]!.date).toBe(day(5));
  });

  it('leaves out entries a person or a bad merge broke, and reads garbage as no history', () => {
    const text = JSON.stringify([
      { date: day(1), score: 70, failing: ['ok_id', '<script>', 3] },
      { date: 'yesterday', score: 70 },
      { date: day(2), score: '70' },
      { date: day(3), score: 101 },
      { date: day(4), score: null, failing: [] },
    ]);
    expect(parseHistory(text)).toEqual([{ date: day(1), score: 70, failing: ['ok_id'] }, { date: day(4), score: null, failing: [] }]);
    expect(parseHistory('{not json')).toEqual([]);
    expect(parseHistory(null)).toEqual([]);
  });

  it('tells what each run changed', () => {
    const entries = [
      { date: day(1), score: 90, failing: ['a'] },
      { date: day(2), score: 72.5, failing: ['b'] },
    ];
    expect(recentChanges(entries)).toEqual([
      { date: day(2), score: 72.5, delta: -17.5, newlyFailing: ['b'], fixed: ['a'] },
      { date: day(1), score: 90, delta: null, newlyFailing: [], fixed: [] },
    ]);
  });
});

describe('the chart and the badge', () => {
  it('draws a Mermaid line from two scored entries on, skipping runs without a score', () => {
    expect(scoreChart([{ date: day(1), score: 90, failing: [] }])).toBeNull();
    const chart = scoreChart([
      { date: day(1), score: 90, failing: [] },
      { date: day(2), score: null, failing: [] },
      { date: day(3), score: 71.26, failing: [] },
    ]);
    expect(chart).toBe('```mermaid\nxychart-beta\n  title "Health score"\n  x-axis ["01-02", "01-04"]\n  y-axis "Score" 0 --> 100\n  line [90, 71.3]\n```\n');
  });

  it('renders the trend section with the latest changes', () => {
    const md = renderTrendMarkdown([{ date: day(1), score: 90, failing: [] }, { date: day(2), score: 80, failing: ['no_automod_rules'] }]);
    expect(md).toContain('xychart-beta');
    expect(md).toContain('| 2026-01-03 | 80 | -10 | `no_automod_rules` | - |');
  });

  it('renders no trend section for a first run (no history before it)', () => {
    expect(renderTrendMarkdown([])).toBe('');
    expect(renderTrendMarkdown([{ date: day(1), score: 90, failing: [] }])).toBe('');
  });

  it('colours the badge by range', () => {
    expect(JSON.parse(renderBadge(93.6))).toEqual({ schemaVersion: 1, label: 'Discord health', message: '94/100', color: 'brightgreen' });
    expect(JSON.parse(renderBadge(65)).color).toBe('yellow');
    expect(JSON.parse(renderBadge(12)).color).toBe('red');
    expect(JSON.parse(renderBadge(null))).toMatchObject({ message: 'no score', color: 'lightgrey' });
  });
});
