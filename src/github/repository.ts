import { GitHubApiError, type GitHubClient } from './client.js';

export interface RepositoryInfo {
  defaultBranch: string;
  private: boolean;
  htmlUrl: string;
}

/** The repository's default branch, visibility and web address. */
export async function getRepository(client: GitHubClient): Promise<RepositoryInfo> {
  const repo = await client.request<{ default_branch: string; private: boolean; html_url: string }>('GET', `/repos/${client.owner}/${client.repo}`);
  return { defaultBranch: repo.default_branch, private: repo.private, htmlUrl: repo.html_url };
}

/** A text file's content at a ref (null: the default branch), or null when the file or ref does not exist. */
export async function readTextFile(client: GitHubClient, path: string, ref: string | null): Promise<string | null> {
  let file: { type?: string; content?: string; encoding?: string; sha?: string } | unknown[];
  try {
    file = await client.request('GET', `contents/${encodePath(path)}${ref ? `?ref=${encodeURIComponent(ref)}` : ''}`);
  } catch (err) {
    if (err instanceof GitHubApiError && err.status === 404) return null;
    throw err;
  }
  if (Array.isArray(file) || file.type !== 'file') return null;
  // The contents API leaves `content` empty for files over 1 MB: fetch the blob instead.
  if (file.encoding === 'base64' && file.content) return Buffer.from(file.content, 'base64').toString('utf8');
  if (!file.sha) return null;
  const blob = await client.request<{ content: string; encoding: string }>('GET', `git/blobs/${file.sha}`);
  return blob.encoding === 'base64' ? Buffer.from(blob.content, 'base64').toString('utf8') : blob.content;
}

/** Percent-encodes each path segment, keeping the slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
