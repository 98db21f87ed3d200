import { GitHubApiError, type GitHubClient } from './client.js';

export interface BranchHead {
  commitSha: string;
  treeSha: string;
  /** The head commit's message (to recognise the Action's own commits by their trailer). */
  message: string;
}

/**
 * The trailer on every commit the Action writes. A snapshot branch whose head carries it was written by the Action
 * and may be rebuilt; any other head holds someone's work and is never moved backwards.
 */
export const SNAPSHOT_TRAILER = 'Snapshot-by: discord-server-exporter';

/** The message with the Action's trailer as its last paragraph (unless it already ends with it). */
export function withSnapshotTrailer(message: string): string {
  const text = message.trimEnd();
  return isSnapshotCommitMessage(text) ? `${text}\n` : `${text}\n\n${SNAPSHOT_TRAILER}\n`;
}

/** True when a commit message ends with the Action's trailer. */
export function isSnapshotCommitMessage(message: string): boolean {
  const lines = message.trimEnd().split('\n');
  return lines[lines.length - 1]?.trim() === SNAPSHOT_TRAILER;
}

export interface FileToCommit {
  /** Repository-relative POSIX path. */
  path: string;
  content: string;
}

/** The branch's head commit and its tree, or null when the branch does not exist. */
export async function getBranchHead(client: GitHubClient, branch: string): Promise<BranchHead | null> {
  let ref: { object: { sha: string } };
  try {
    ref = await client.request('GET', `git/ref/heads/${encodeBranch(branch)}`);
  } catch (err) {
    if (err instanceof GitHubApiError && (err.status === 404 || err.status === 409)) return null;
    throw err;
  }
  const commit = await client.request<{ sha: string; tree: { sha: string }; message?: unknown }>('GET', `git/commits/${ref.object.sha}`);
  return { commitSha: commit.sha, treeSha: commit.tree.sha, message: typeof commit.message === 'string' ? commit.message : '' };
}

/** Uploads each file as a blob; returns tree entries ready for createTree. */
export async function createBlobs(client: GitHubClient, files: FileToCommit[]): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  for (const file of files) {
    const blob = await client.request<{ sha: string }>('POST', 'git/blobs', {
      content: Buffer.from(file.content, 'utf8').toString('base64'),
      encoding: 'base64',
    });
    entries.push({ path: file.path, mode: '100644', type: 'blob', sha: blob.sha });
  }
  return entries;
}

export interface TreeEntry {
  path: string;
  mode: '100644';
  type: 'blob';
  sha: string;
}

/** A tree equal to `baseTree` with `entries` written over it; returns its sha. */
export async function createTree(client: GitHubClient, baseTree: string | null, entries: TreeEntry[]): Promise<string> {
  const body = baseTree ? { base_tree: baseTree, tree: entries } : { tree: entries };
  const tree = await client.request<{ sha: string }>('POST', 'git/trees', body);
  return tree.sha;
}

/**
 * A commit without author/committer, so GitHub signs it as the token's identity (shown as Verified); its message
 * ends with the Action's trailer.
 */
export async function createCommit(client: GitHubClient, message: string, tree: string, parents: string[]): Promise<string> {
  const commit = await client.request<{ sha: string }>('POST', 'git/commits', { message: withSnapshotTrailer(message), tree, parents });
  return commit.sha;
}

/** Moves a branch to `sha`; `force` only for the action's own snapshot branches. */
export async function updateRef(client: GitHubClient, branch: string, sha: string, force: boolean): Promise<void> {
  await client.request('PATCH', `git/refs/heads/${encodeBranch(branch)}`, { sha, force });
}

/** Creates a branch pointing at `sha`. */
export async function createRef(client: GitHubClient, branch: string, sha: string): Promise<void> {
  await client.request('POST', 'git/refs', { ref: `refs/heads/${branch}`, sha });
}

/** Encodes a branch name for a URL path, keeping its slashes. */
function encodeBranch(branch: string): string {
  return branch.split('/').map(encodeURIComponent).join('/');
}
