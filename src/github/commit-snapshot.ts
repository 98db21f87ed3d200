import { GitHubApiError, type GitHubClient } from './client.js';
import { createBlobs, createCommit, createRef, createTree, getBranchHead, updateRef, type FileToCommit } from './git-data.js';

export interface CommitResult {
  /** The new commit, or null when the branch already held these files. */
  sha: string | null;
  changed: boolean;
  /** Ref updates tried (more than 1 when another push landed first). */
  attempts: number;
}

export interface CommitSnapshotOptions {
  branch: string;
  files: FileToCommit[];
  message: string;
  /** When `branch` does not exist yet: the branch it starts from (e.g. the default branch). */
  startFrom?: string;
  /** Ref updates to try before giving up when other pushes keep landing first. */
  maxAttempts?: number;
  log?: (line: string) => void;
}

/** The branch is protected: the action cannot push to it directly. */
export class ProtectedBranchError extends Error {
  override readonly name = 'ProtectedBranchError';
  constructor(branch: string, apiMessage: string) {
    super(
      `Cannot push the snapshot to protected branch "${branch}" (GitHub said: ${apiMessage}). ` +
        'Use `commit: pull-request` to propose snapshots through a pull request, or allow the workflow to bypass the protection.',
    );
  }
}

/** True when GitHub refused a ref update because the branch moved (someone else pushed first). */
export function isNotFastForward(err: unknown): boolean {
  return err instanceof GitHubApiError && err.status === 422 && /fast[ -]forward/i.test(err.apiMessage);
}

/** True when GitHub refused a ref update because of branch protection or rulesets. */
export function isProtectedBranchRefusal(err: unknown): boolean {
  return (
    err instanceof GitHubApiError &&
    [403, 409, 422].includes(err.status) &&
    /protected branch|rule violation|through a pull request|GH006|GH013/i.test(err.apiMessage)
  );
}

/**
 * Commits `files` on top of `branch` with the Git Data API (blobs, tree on base_tree, unsigned-by-us commit,
 * fast-forward ref update). No commit when the tree is unchanged; a race with another push is retried on the
 * new head; never forces.
 */
export async function commitSnapshot(client: GitHubClient, options: CommitSnapshotOptions): Promise<CommitResult> {
  const maxAttempts = options.maxAttempts ?? 4;
  const entries = await createBlobs(client, options.files);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const head = await getBranchHead(client, options.branch);
    // A new branch starts from `startFrom` (so it shares history), or as a root commit in an empty repository.
    const start = head ?? (options.startFrom ? await getBranchHead(client, options.startFrom) : null);
    const tree = await createTree(client, start?.treeSha ?? null, entries);
    if (head && tree === head.treeSha) return { sha: null, changed: false, attempts: attempt };
    const sha = await createCommit(client, options.message, tree, start ? [start.commitSha] : []);
    try {
      if (head) await updateRef(client, options.branch, sha, false);
      else await createRef(client, options.branch, sha);
      return { sha, changed: true, attempts: attempt };
    } catch (err) {
      if (isProtectedBranchRefusal(err)) throw new ProtectedBranchError(options.branch, (err as GitHubApiError).apiMessage);
      const raced = isNotFastForward(err) || (!head && err instanceof GitHubApiError && err.status === 422);
      if (!raced || attempt === maxAttempts) {
        if (raced) {
          throw new Error(
            `Another push kept moving "${options.branch}" (${maxAttempts} attempts): the snapshot was not committed. ` +
              'Add a `concurrency` group to the workflow so runs do not overlap, then re-run.',
            { cause: err },
          );
        }
        throw err;
      }
      options.log?.(`"${options.branch}" moved while committing (attempt ${attempt}); retrying on the new head.`);
    }
  }
  throw new Error('unreachable: commit attempts exhausted');
}
