/** Builds nested git trees from a flat list of slash-separated path changes, as POST /git/trees does. */
import { git } from './git-exec.js';
import type { GitStore } from './git-store.js';

/** One entry of POST /git/trees after content was written: sha null deletes the path. */
export interface TreeChange {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string | null;
}

interface Entry {
  mode: string;
  type: string;
  sha: string;
}

/** Returns the sha of `base` with `changes` applied, writing every touched subtree with `git mktree`. */
export async function buildTree(store: GitStore, base: string | undefined, changes: TreeChange[]): Promise<string> {
  const entries = new Map<string, Entry>();
  if (base) {
    for (const e of (await store.listTree(base, false)) ?? []) entries.set(e.path, { mode: e.mode, type: e.type, sha: e.sha });
  }
  const nested = new Map<string, TreeChange[]>();
  for (const change of changes) {
    const slash = change.path.indexOf('/');
    if (slash === -1) {
      if (change.sha === null) entries.delete(change.path);
      else entries.set(change.path, { mode: change.mode === '040000' ? '040000' : change.mode, type: change.type, sha: change.sha });
    } else {
      const dir = change.path.slice(0, slash);
      const list = nested.get(dir) ?? [];
      list.push({ ...change, path: change.path.slice(slash + 1) });
      nested.set(dir, list);
    }
  }
  for (const [dir, list] of nested) {
    const existing = entries.get(dir);
    const sub = await buildTree(store, existing?.type === 'tree' ? existing.sha : undefined, list);
    const subEntries = await store.listTree(sub, false);
    // An emptied directory disappears, as git does not store empty trees.
    if (subEntries && subEntries.length === 0) entries.delete(dir);
    else entries.set(dir, { mode: '040000', type: 'tree', sha: sub });
  }
  const input = [...entries].map(([name, e]) => `${e.mode} ${e.type} ${e.sha}\t${name}`).join('\0');
  return (await git(store.dir, ['mktree', '-z'], { input: input ? input + '\0' : '' })).trim();
}
