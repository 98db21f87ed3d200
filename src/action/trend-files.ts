import type { GitHubClient } from '../github/client.js';
import { readTextFile } from '../github/repository.js';
import type { GuildExport } from '../schema/types.js';
import { renderBadge } from '../trend/badge.js';
import { historyEntry } from '../trend/from-export.js';
import { appendHistory, parseHistory, renderHistory, type HistoryEntry } from '../trend/history.js';
import { renderTrendMarkdown } from '../trend/markdown.js';
import type { PreviousSnapshot, SnapshotFiles } from './snapshot.js';

export interface TrendFiles extends SnapshotFiles {
  history: HistoryEntry[];
  /** The chart and the latest changes, for the job summary and the tracking issue ('' without history). */
  trendMarkdown: string;
}

/**
 * Adds the score's history to the snapshot: history.json (one entry per commit that changed the snapshot),
 * badge.json (a Shields.io endpoint) and a "Score over time" section at the end of snapshot.md. A run whose
 * snapshot.json is unchanged adds no entry, so every file comes out as committed and no commit is made.
 */
export function withTrend(snapshot: SnapshotFiles, exp: GuildExport, dir: string, previous: PreviousSnapshot, previousHistory: string | null): TrendFiles {
  const json = snapshot.files.find((f) => f.path === `${dir}/snapshot.json`)?.content;
  const changed = previous.status !== 'found' || previous.text !== json;
  let history = parseHistory(previousHistory);
  const entry = historyEntry(exp);
  // An empty history (the first run, or a repository from before history.json) starts with this run.
  if (entry && (changed || history.length === 0)) history = appendHistory(history, entry);
  const trendMarkdown = renderTrendMarkdown(history);
  const files = snapshot.files.map((f) =>
    f.path === `${dir}/snapshot.md` && trendMarkdown ? { ...f, content: `${f.content}\n## Score over time\n\n${trendMarkdown}` } : f);
  files.push(
    { path: `${dir}/history.json`, content: renderHistory(history) },
    { path: `${dir}/badge.json`, content: renderBadge(exp.summary.health_score) },
  );
  return { ...snapshot, files, history, trendMarkdown };
}

/** history.json as committed on `ref`, or null (none yet, or unreadable: the next commit rewrites it). */
export async function readHistory(client: GitHubClient | null, dir: string, ref: string): Promise<string | null> {
  if (!client) return null;
  try {
    return await readTextFile(client, `${dir}/history.json`, ref);
  } catch {
    return null;
  }
}
