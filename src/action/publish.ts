import type { GitHubClient } from '../github/client.js';
import type { FileToCommit } from '../github/git-data.js';
import { commitSnapshot } from '../github/commit-snapshot.js';
import { proposeSnapshot, type PullRequestOperation } from '../github/pull-request.js';
import type { CommitMode } from './inputs.js';

export interface PublishResult {
  changed: boolean;
  commitSha: string | null;
  pullRequest: { number: number; url: string; operation: PullRequestOperation } | null;
}

export interface PublishOptions {
  mode: CommitMode;
  files: FileToCommit[];
  message: string;
  /** Push: the branch to commit to. Pull request: the base. */
  targetBranch: string;
  /** The repository's default branch: where a new push branch starts. */
  defaultBranch: string;
  /** Pull request: the action's own head branch. */
  headBranch: string;
  prTitle: string;
  prBody: string;
  log: (line: string) => void;
}

/** Commits the snapshot per `commit` mode: push to the branch, update one pull request, or nothing. */
export async function publishSnapshot(client: GitHubClient | null, options: PublishOptions): Promise<PublishResult> {
  if (options.mode === 'none' || client === null) return { changed: false, commitSha: null, pullRequest: null };
  if (options.mode === 'push') {
    const result = await commitSnapshot(client, {
      branch: options.targetBranch, startFrom: options.defaultBranch, files: options.files, message: options.message, log: options.log,
    });
    options.log(result.changed ? `Committed the snapshot to ${options.targetBranch}: ${result.sha}` : 'The snapshot is unchanged: nothing committed.');
    return { changed: result.changed, commitSha: result.sha, pullRequest: null };
  }
  const pr = await proposeSnapshot(client, {
    baseBranch: options.targetBranch,
    headBranch: options.headBranch,
    files: options.files,
    commitMessage: options.message,
    title: options.prTitle,
    body: options.prBody,
  });
  options.log(`Pull request: ${pr.operation}${pr.number ? ` #${pr.number}` : ''}${pr.sha ? ` (commit ${pr.sha})` : ''}.`);
  return {
    changed: pr.changed,
    commitSha: pr.sha,
    pullRequest: pr.number !== null && pr.url !== null ? { number: pr.number, url: pr.url, operation: pr.operation } : null,
  };
}
