import type { GitHubClient } from './client.js';

export interface EscalationIssueOptions {
  guildId: string;
  /** The first label is the one searched on; all are applied when opening. */
  labels: string[];
  title: string;
  /** The issue body: this run's escalations (rewritten on each run that finds some). */
  body: string;
  /** Posted on an issue that is already open: a notification for each run that finds new escalations. */
  comment: string;
}

export interface EscalationIssueResult {
  operation: 'opened' | 'updated';
  number: number;
  url: string;
}

interface IssueItem {
  number: number;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
}

/** The hidden marker that identifies a guild's escalation issue (titles and search are not reliable). */
export function escalationMarker(guildId: string): string {
  return `<!-- discord-server-exporter:escalations:${guildId} -->`;
}

/**
 * Opens the guild's escalation issue, or updates the open one (body rewritten, a comment listing this run's
 * escalations). Call it only for a run whose diff holds escalations: an escalation is an event a person closes
 * once reviewed, so a run without one leaves the issue as it is.
 */
export async function syncEscalationIssue(client: GitHubClient, options: EscalationIssueOptions): Promise<EscalationIssueResult> {
  const label = options.labels[0] ?? 'discord-escalation';
  const marker = escalationMarker(options.guildId);
  const open = await client.paginate<IssueItem>(`issues?state=open&labels=${encodeURIComponent(label)}&per_page=100`);
  const existing = open.find((item) => !item.pull_request && (item.body ?? '').includes(marker));
  const body = `${options.body}\n\n${marker}\n`;
  if (existing) {
    await client.request('PATCH', `issues/${existing.number}`, { title: options.title, body });
    await client.request('POST', `issues/${existing.number}/comments`, { body: options.comment });
    return { operation: 'updated', number: existing.number, url: existing.html_url };
  }
  const created = await client.request<IssueItem>('POST', 'issues', { title: options.title, body, labels: options.labels.length ? options.labels : [label] });
  return { operation: 'opened', number: created.number, url: created.html_url };
}
