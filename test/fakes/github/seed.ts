/** The repository's starting point: one commit with a README.md on the default branch. */
import type { GitStore } from './git-store.js';
import { now, type FakeState } from './state.js';

/** Writes the initial commit and points the default branch at it. */
export async function seedRepository(store: GitStore, state: FakeState): Promise<string> {
  const blob = await store.writeBlob(Buffer.from(`# ${state.repo}\n\nSnapshots of a Discord server.\n`, 'utf8'));
  const tree = await store.writeTree(undefined, [{ path: 'README.md', mode: '100644', type: 'blob', sha: blob }]);
  const who = { name: state.owner, email: `${state.owner}@users.noreply.github.com`, date: now() };
  const sha = await store.writeCommit(tree, [], 'Initial commit', who, who);
  await store.setRef(`refs/heads/${state.defaultBranch}`, sha, '');
  return sha;
}
