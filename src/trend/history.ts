/** One line of a guild's score history: when, the score (null when the export had none), the failing checks. */
export interface HistoryEntry {
  date: string;
  score: number | null;
  failing: string[];
}

/** How many entries history.json keeps: more than a year of daily runs that changed something. */
export const HISTORY_LIMIT = 400;

/**
 * Reads history.json. The file lives in a repository anyone with push access can edit: entries that are not
 * well formed are left out, and an unreadable file is an empty history (the next commit rewrites it whole).
 */
export function parseHistory(text: string | null): HistoryEntry[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const list = Array.isArray(data) ? data : Array.isArray((data as { entries?: unknown })?.entries) ? (data as { entries: unknown[] }).entries : [];
  const entries: HistoryEntry[] = [];
  for (const item of list) {
    const entry = toEntry(item);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function toEntry(item: unknown): HistoryEntry | null {
  if (!item || typeof item !== 'object') return null;
  const { date, score, failing } = item as Record<string, unknown>;
  if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) return null;
  if (score !== null && (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100)) return null;
  const ids = Array.isArray(failing) ? failing.filter((id): id is string => typeof id === 'string' && /^[a-z0-9_]{1,64}$/.test(id)) : [];
  return { date: new Date(date).toISOString(), score, failing: [...new Set(ids)].sort() };
}

/** The history with `entry` appended (replacing one of the same instant), keeping the newest `limit`. */
export function appendHistory(entries: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  const rest = entries.filter((e) => e.date !== entry.date);
  return [...rest, { ...entry, failing: [...new Set(entry.failing)].sort() }]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .slice(-limit);
}

/** history.json's text: one entry per line, so a commit's diff shows the line it added. */
export function renderHistory(entries: readonly HistoryEntry[]): string {
  const lines = entries.map((e) => `  ${JSON.stringify({ date: e.date, score: e.score, failing: e.failing })}`);
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/** What changed from one entry to the next: the score and the checks that started or stopped failing. */
export interface HistoryChange {
  date: string;
  score: number | null;
  delta: number | null;
  newlyFailing: string[];
  fixed: string[];
}

/** The newest `count` entries with what each changed from the one before it, newest first. */
export function recentChanges(entries: readonly HistoryEntry[], count = 5): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (let i = entries.length - 1; i >= 0 && changes.length < count; i--) {
    const now = entries[i]!;
    const before = i > 0 ? entries[i - 1]! : null;
    const was = new Set(before?.failing ?? []);
    const is = new Set(now.failing);
    changes.push({
      date: now.date,
      score: now.score,
      delta: before && now.score !== null && before.score !== null ? Math.round((now.score - before.score) * 10) / 10 : null,
      newlyFailing: before ? now.failing.filter((id) => !was.has(id)) : [],
      fixed: before ? before.failing.filter((id) => !is.has(id)) : [],
    });
  }
  return changes;
}
