import type { GitHubClient } from './client.js';
import { SNAPSHOT_TRAILER } from './git-data.js';

export interface SnapshotEdit {
  /** The newest commit of the push that changed the file and was not written by the Action. */
  sha: string;
  /** Its subject line (outside text: escape it before showing it). */
  subject: string;
}

interface CompareCommit { sha: string; commit: { message: string } }

/**
 * Whether a push (before..after) changed `path` by a commit that a person wrote: the Action's own snapshot commits
 * carry its trailer and never count, so the export it commits after an apply does not apply itself again. Returns
 * the newest such commit, or null when the push did not change the file or only the Action did. A first push
 * (before all zeros) compares with the file's absence.
 */
export async function personEditOf(client: GitHubClient, before: string, after: string, path: string): Promise<SnapshotEdit | null> {
  const zero = /^0+$/.test(before);
  const commits: CompareCommit[] = zero
    ? [await client.request<CompareCommit>('GET', `commits/${after}`)]
    : (await client.request<{ commits: CompareCommit[]; files?: { filename: string }[] }>('GET', `compare/${before}...${after}`)).commits;
  // Newest first: the reason given in Discord's audit log names the commit that decided the file's content.
  for (const commit of [...commits].reverse()) {
    if (commit.commit.message.split('\n').some((line) => line.trim() === SNAPSHOT_TRAILER)) continue;
    const detail = await client.request<{ files?: { filename: string; previous_filename?: string }[] }>('GET', `commits/${commit.sha}`);
    if ((detail.files ?? []).some((f) => f.filename === path || f.previous_filename === path)) {
      return { sha: commit.sha, subject: commit.commit.message.split('\n')[0] ?? '' };
    }
  }
  return null;
}
