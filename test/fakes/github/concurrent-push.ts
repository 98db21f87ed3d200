/** The "another run pushed first" simulation behind pushConcurrentCommitOnce. */
import type { GitStore } from './git-store.js';
import { now } from './state.js';

const OTHER_RUN = { name: 'someone-else', email: 'someone-else@example.com' };

/** Commits `files` on top of `head` of `branch` and moves the branch there; returns the new head. */
export async function makeConcurrentCommit(store: GitStore, branch: string, head: string, files: Record<string, string>): Promise<string> {
  const parent = (await store.readCommit(head))!;
  const changes = [];
  for (const [path, content] of Object.entries(files)) {
    changes.push({ path, mode: '100644', type: 'blob' as const, sha: await store.writeBlob(Buffer.from(content, 'utf8')) });
  }
  const tree = await store.writeTree(parent.tree, changes);
  const date = now();
  const who = { ...OTHER_RUN, date };
  const sha = await store.writeCommit(tree, [head], `Concurrent push to ${branch}`, who, who);
  await store.setRef(`refs/heads/${branch}`, sha, head);
  return sha;
}
