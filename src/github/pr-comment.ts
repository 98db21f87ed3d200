import type { GitHubClient } from './client.js';

/** The hidden line that finds a comment again: one per pull request and key (e.g. a server's id). */
export function commentMarker(key: string): string {
  return `<!-- discord-server-exporter:plan:${key.replace(/[^0-9A-Za-z_-]/g, '')} -->`;
}

export interface UpsertedComment {
  id: number;
  operation: 'created' | 'updated' | 'unchanged';
}

/**
 * Keeps one comment per pull request and key: the first comment holding the key's marker is edited in place, so a
 * push updates the plan instead of adding a comment per push; without one, a comment is created. The marker is
 * written at the end of the body by this function.
 */
export async function upsertComment(client: GitHubClient, issueNumber: number, key: string, body: string): Promise<UpsertedComment> {
  const marker = commentMarker(key);
  const text = `${body.trimEnd()}\n\n${marker}\n`;
  const comments = await client.paginate<{ id: number; body?: string | null }>(`issues/${issueNumber}/comments?per_page=100`, 3000);
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker));
  if (mine) {
    if (mine.body === text) return { id: mine.id, operation: 'unchanged' };
    await client.request('PATCH', `issues/comments/${mine.id}`, { body: text });
    return { id: mine.id, operation: 'updated' };
  }
  const created = await client.request<{ id: number }>('POST', `issues/${issueNumber}/comments`, { body: text });
  return { id: created.id, operation: 'created' };
}
