import type { GitHubClient } from './client.js';
import { createBlobs, createCommit, createRef, createTree, getBranchHead, isSnapshotCommitMessage, updateRef, type BranchHead, type FileToCommit } from './git-data.js';

export type PullRequestOperation = 'none' | 'created' | 'updated' | 'closed';

export interface PullRequestResult {
  operation: PullRequestOperation;
  number: number | null;
  url: string | null;
  /** The new commit on the snapshot branch, or null when nothing changed since the last run. */
  sha: string | null;
  changed: boolean;
}

export interface ProposeSnapshotOptions {
  baseBranch: string;
  /** The action's own long-lived branch for this guild, e.g. discord-snapshots/<guild-id>. */
  headBranch: string;
  files: FileToCommit[];
  commitMessage: string;
  title: string;
  body: string;
}

interface PullSummary {
  number: number;
  html_url: string;
}

/** The open pull request from `headBranch` into `baseBranch`, if any. */
export async function findOpenPull(client: GitHubClient, headBranch: string, baseBranch: string): Promise<PullSummary | null> {
  const head = encodeURIComponent(`${client.owner}:${headBranch}`);
  const pulls = await client.request<PullSummary[]>('GET', `pulls?state=open&head=${head}&base=${encodeURIComponent(baseBranch)}&per_page=10`);
  return pulls[0] ?? null;
}

/**
 * Proposes the snapshot through one long-lived branch and one open pull request, updated in place. The branch is
 * rebuilt on the base head each time (a force update of the action's own branch, never of the base).
 */
export async function proposeSnapshot(client: GitHubClient, options: ProposeSnapshotOptions): Promise<PullRequestResult> {
  if (options.headBranch === options.baseBranch) {
    throw new Error(`The pull-request branch "${options.headBranch}" is the base branch itself: set \`branch\` to a dedicated branch such as discord-snapshots/<guild-id>.`);
  }
  const base = await getBranchHead(client, options.baseBranch);
  if (!base) throw new Error(`Base branch "${options.baseBranch}" does not exist or the repository is empty: push an initial commit, then re-run.`);
  const entries = await createBlobs(client, options.files);
  const tree = await createTree(client, base.treeSha, entries);
  const open = await findOpenPull(client, options.headBranch, options.baseBranch);
  if (tree === base.treeSha) {
    // The base already holds this snapshot: a still-open PR would propose a stale state.
    if (open) {
      await client.request('POST', `issues/${open.number}/comments`, { body: 'The base branch already holds the current snapshot; closing.' });
      await client.request('PATCH', `pulls/${open.number}`, { state: 'closed' });
      return { operation: 'closed', number: open.number, url: open.html_url, sha: null, changed: false };
    }
    return { operation: 'none', number: null, url: null, sha: null, changed: false };
  }
  const head = await getBranchHead(client, options.headBranch);
  if (open && head && head.treeSha === tree) {
    return { operation: 'none', number: open.number, url: open.html_url, sha: null, changed: false };
  }
  let sha: string | null = null;
  if (!head || head.treeSha !== tree) {
    // Checked before writing anything: a branch holding someone else's commits is never reset.
    const move = head ? branchMove(head, base, options.headBranch) : null;
    sha = await createCommit(client, options.commitMessage, tree, [base.commitSha]);
    if (head) await updateRef(client, options.headBranch, sha, move === 'rebuild');
    else await createRef(client, options.headBranch, sha);
  }
  if (open) {
    await client.request('PATCH', `pulls/${open.number}`, { title: options.title, body: options.body });
    return { operation: 'updated', number: open.number, url: open.html_url, sha, changed: sha !== null };
  }
  const created = await client.request<PullSummary>('POST', 'pulls', {
    title: options.title,
    head: options.headBranch,
    base: options.baseBranch,
    body: options.body,
  });
  return { operation: 'created', number: created.number, url: created.html_url, sha, changed: true };
}

/** The snapshot branch exists with commits the Action did not write: moving it would lose them. */
export class ForeignBranchError extends Error {
  override readonly name = 'ForeignBranchError';
  constructor(branch: string, head: string) {
    super(
      `The branch "${branch}" has a commit the Action did not write at its head (${head.slice(0, 7)}), so it was left untouched: ` +
        'rebuilding it would lose that work. Set `branch` to a branch only the Action writes (empty: discord-snapshots/<guild-id>), ' +
        `or merge or move that work elsewhere and delete "${branch}", then re-run.`,
    );
  }
}

/**
 * How the snapshot branch may move to a new commit on the base head: a fast-forward when it still points at the
 * base head; a rebuild (force) only when its head is the Action's own commit (its trailer), whose content the new
 * commit replaces. Anything else throws ForeignBranchError.
 */
function branchMove(head: BranchHead, base: BranchHead, branch: string): 'fast-forward' | 'rebuild' {
  if (head.commitSha === base.commitSha) return 'fast-forward';
  if (isSnapshotCommitMessage(head.message)) return 'rebuild';
  throw new ForeignBranchError(branch, head.commitSha);
}
