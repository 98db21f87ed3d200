import type { GitHubClient } from './client.js';
import { formatScore } from './score-text.js';

export type IssueOperation = 'none' | 'opened' | 'updated' | 'closed';

export interface TrackingIssueResult {
  operation: IssueOperation;
  number: number | null;
  url: string | null;
  /** A comment was posted (opening and closing always notify; an update only when something changed). */
  commented: boolean;
}

export interface TrackingIssueOptions {
  guildId: string;
  /** The first label is the one searched on; all are applied when opening. */
  labels: string[];
  /** True while the score is below the threshold. */
  unhealthy: boolean;
  title: string;
  /** The issue body: the current state, rewritten on each unhealthy run. */
  body: string;
  /** Posted on a later unhealthy run when the score or the failing checks moved, or a week passed since the last. */
  updateComment: string;
  /** Comment posted when the score recovers, before closing. */
  recoveryComment: string;
  /** This run's score and failing check ids: what decides whether an update is worth a comment. */
  score: number | null;
  failingChecks: string[];
  /** The clock (tests move it forward). */
  now?: () => Date;
}

/** With nothing new, a still-unhealthy server gets a reminder comment this often. */
export const REMINDER_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;

interface IssueItem {
  number: number;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
}

/** What the last comment reported, kept in the body so the next run can tell whether anything moved. */
interface IssueState {
  score: string;
  failing: string[];
  commentedAt: string;
}

/** The hidden marker that identifies a guild's tracking issue (titles and search are not reliable). */
export function issueMarker(guildId: string): string {
  return `<!-- discord-server-exporter:guild:${guildId} -->`;
}

const STATE_PATTERN = /<!-- discord-server-exporter:state (\{[^\n]*?\}) -->/;

/** The state recorded in an issue body, or null when absent or not ours (anyone with access can edit the body). */
export function readIssueState(body: string | null | undefined): IssueState | null {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match) return null;
  try {
    const value = JSON.parse(match[1]) as Partial<IssueState>;
    if (typeof value.score !== 'string' || typeof value.commentedAt !== 'string' || Number.isNaN(Date.parse(value.commentedAt))) return null;
    if (!Array.isArray(value.failing) || !value.failing.every((id) => typeof id === 'string')) return null;
    return { score: value.score, failing: value.failing, commentedAt: value.commentedAt };
  } catch {
    return null;
  }
}

function stateComment(state: IssueState): string {
  // `<` and `>` escaped so no value can close the HTML comment early.
  return `<!-- discord-server-exporter:state ${JSON.stringify(state).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')} -->`;
}

/** The open tracking issue for a guild: listed by label (every page), matched by marker, pull requests skipped. */
export async function findTrackingIssue(client: GitHubClient, guildId: string, label: string): Promise<IssueItem | null> {
  const marker = issueMarker(guildId);
  const items = await client.paginate<IssueItem>(`issues?state=open&labels=${encodeURIComponent(label)}&per_page=100`);
  return items.find((item) => !item.pull_request && (item.body ?? '').includes(marker)) ?? null;
}

/**
 * Opens, updates or closes (comment + close) the one tracking issue for a guild. While it stays unhealthy the body
 * is rewritten to the current state on every run, but a comment (a notification to every watcher) is posted only
 * when the score or the set of failing checks changed, or a week passed since the last one.
 */
export async function syncTrackingIssue(client: GitHubClient, options: TrackingIssueOptions): Promise<TrackingIssueResult> {
  const label = options.labels[0] ?? 'discord-health';
  const now = (options.now ?? (() => new Date()))();
  const existing = await findTrackingIssue(client, options.guildId, label);
  const current = { score: formatScore(options.score), failing: [...new Set(options.failingChecks)].sort() };
  if (options.unhealthy) {
    if (existing) {
      const last = readIssueState(existing.body);
      const moved = !last || last.score !== current.score || last.failing.join(',') !== current.failing.join(',');
      const due = !last || now.getTime() - Date.parse(last.commentedAt) >= REMINDER_INTERVAL_MS;
      const comment = moved || due;
      const state = { ...current, commentedAt: comment ? now.toISOString() : last!.commentedAt };
      await client.request('PATCH', `issues/${existing.number}`, { title: options.title, body: withMarkers(options.body, options.guildId, state) });
      if (comment) await client.request('POST', `issues/${existing.number}/comments`, { body: options.updateComment });
      return { operation: 'updated', number: existing.number, url: existing.html_url, commented: comment };
    }
    const created = await client.request<IssueItem>('POST', 'issues', {
      title: options.title,
      body: withMarkers(options.body, options.guildId, { ...current, commentedAt: now.toISOString() }),
      labels: options.labels.length ? options.labels : [label],
    });
    return { operation: 'opened', number: created.number, url: created.html_url, commented: true };
  }
  if (!existing) return { operation: 'none', number: null, url: null, commented: false };
  await client.request('POST', `issues/${existing.number}/comments`, { body: options.recoveryComment });
  await client.request('PATCH', `issues/${existing.number}`, { state: 'closed', state_reason: 'completed' });
  return { operation: 'closed', number: existing.number, url: existing.html_url, commented: true };
}

function withMarkers(body: string, guildId: string, state: IssueState): string {
  return `${body}\n\n${issueMarker(guildId)}\n${stateComment(state)}\n`;
}
