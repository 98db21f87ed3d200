import type { HistoryEntry } from './history.js';

/** The history entry for an export or snapshot: its date, its score, its failing checks. */
export function historyEntry(exp: { meta?: { exported_at?: unknown }; summary?: { health_score?: unknown; issues_found?: unknown } | null }): HistoryEntry | null {
  const date = exp.meta?.exported_at;
  if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) return null;
  const score = exp.summary?.health_score;
  const failing = exp.summary?.issues_found;
  return {
    date: new Date(date).toISOString(),
    score: typeof score === 'number' && Number.isFinite(score) ? score : null,
    failing: Array.isArray(failing) ? failing.filter((id): id is string => typeof id === 'string').sort() : [],
  };
}
