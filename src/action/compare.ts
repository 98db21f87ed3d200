import { diffExports, type DiffResult } from '../diff/index.js';
import type { GitHubClient } from '../github/client.js';
import { findOpenPull } from '../github/pull-request.js';
import type { GuildExport } from '../schema/types.js';
import { readPreviousSnapshot, type PreviousSnapshot } from './snapshot.js';

export interface Comparison {
  /** What this run's delta is measured against: the snapshot branch of an open PR, else the target branch. */
  previous: PreviousSnapshot;
  /** The target (base) branch's snapshot: what a pull request would change. */
  base: PreviousSnapshot;
  previousScore: number | null;
  /** Changes since `previous`; null when there is none to compare against. */
  diff: DiffResult | null;
  /** Changes since `base` (pull-request mode: what merging changes). */
  baseDiff: DiffResult | null;
  /** True when `previous` is the open PR's branch rather than the base. */
  fromPullRequest: boolean;
}

export interface CompareOptions {
  dir: string;
  targetBranch: string;
  /** Pull-request mode: the snapshot branch; null otherwise. */
  headBranch: string | null;
  onError: (err: unknown) => void;
}

/** Reads the committed snapshot(s) and diffs the new snapshot against them; errors are reported, not thrown. */
export async function compareWithPrevious(client: GitHubClient | null, snapshot: GuildExport, options: CompareOptions): Promise<Comparison> {
  const missing: PreviousSnapshot = { status: 'missing' };
  let base: PreviousSnapshot = missing;
  let previous: PreviousSnapshot = missing;
  if (client) {
    try {
      base = await readPreviousSnapshot(client, options.dir, options.targetBranch);
      previous = base;
      if (options.headBranch && (await findOpenPull(client, options.headBranch, options.targetBranch))) {
        const head = await readPreviousSnapshot(client, options.dir, options.headBranch);
        if (head.status === 'found') previous = head;
      }
    } catch (err) {
      options.onError(err);
      base = previous = missing;
    }
  }
  const diffWith = (p: PreviousSnapshot) => (p.status === 'found' ? diffExports(p.snapshot, snapshot) : null);
  return {
    previous,
    base,
    previousScore: previous.status === 'found' ? previous.score : null,
    diff: diffWith(previous),
    baseDiff: previous === base ? diffWith(previous) : diffWith(base),
    fromPullRequest: previous !== base,
  };
}
