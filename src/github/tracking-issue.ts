import type { GitHubClient } from './client.js';

export type IssueOperation = 'none' | 'opened' | 'updated' | 'closed';

export interface TrackingIssueResult {
  operation: IssueOperation;
  number: number | null;
  url: string | null;
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
  /** The comment posted on each later unhealthy run (short: what moved since the last one). */
  updateComment: string;
  /** Comment posted when the score recovers, before closing. */
  recoveryComment: string;
}

interface IssueItem {
  number: number;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
}

/** The hidden marker that identifies a guild's tracking issue (titles and search are not reliable). */
export function issueMarker(guildId: string): string {
  return `<!-- discord-server-exporter:guild:${guildId} -->`;
}

/** The open tracking issue for a guild: listed by label (every page), matched by marker, pull requests skipped. */
export async function findTrackingIssue(client: GitHubClient, guildId: string, label: string): Promise<IssueItem | null> {
  const marker = issueMarker(guildId);
  const items = await client.paginate<IssueItem>(`issues?state=open&labels=${encodeURIComponent(label)}&per_page=100`);
  return items.find((item) => !item.pull_request && (item.body ?? '').includes(marker)) ?? null;
}

/** Opens, updates (comment) or closes (comment + close) the one tracking issue for a guild. */
export async function syncTrackingIssue(client: GitHubClient, options: TrackingIssueOptions): Promise<TrackingIssueResult> {
  const label = options.labels[0] ?? 'discord-health';
  const existing = await findTrackingIssue(client, options.guildId, label);
  if (options.unhealthy) {
    if (existing) {
      await client.request('PATCH', `issues/${existing.number}`, { body: withMarker(options.body, options.guildId) });
      await client.request('POST', `issues/${existing.number}/comments`, { body: options.updateComment });
      return { operation: 'updated', number: existing.number, url: existing.html_url };
    }
    const created = await client.request<IssueItem>('POST', 'issues', {
      title: options.title,
      body: withMarker(options.body, options.guildId),
      labels: options.labels.length ? options.labels : [label],
    });
    return { operation: 'opened', number: created.number, url: created.html_url };
  }
  if (!existing) return { operation: 'none', number: null, url: null };
  await client.request('POST', `issues/${existing.number}/comments`, { body: options.recoveryComment });
  await client.request('PATCH', `issues/${existing.number}`, { state: 'closed', state_reason: 'completed' });
  return { operation: 'closed', number: existing.number, url: existing.html_url };
}

function withMarker(body: string, guildId: string): string {
  return `${body}\n\n${issueMarker(guildId)}\n`;
}
