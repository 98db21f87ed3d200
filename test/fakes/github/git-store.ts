/** A real bare git repository driven with plumbing, the storage behind the fake's Git Data API. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, gitRaw, identityEnv, type GitIdentity } from './git-exec.js';
import { buildTree, type TreeChange } from './tree-builder.js';

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdentity;
  committer: GitIdentity;
  message: string;
}
export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

const SHA = /^[0-9a-f]{40}$/;

export class GitStore {
  private constructor(readonly dir: string) {}

  /** Creates a bare repository whose HEAD names `defaultBranch`. */
  static async create(defaultBranch: string): Promise<GitStore> {
    const root = await mkdtemp(join(tmpdir(), 'fake-github-'));
    const dir = join(root, 'repo.git');
    await git(root, ['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`, dir]);
    return new GitStore(dir);
  }

  /** Writes a blob and returns its sha. */
  writeBlob(content: Buffer): Promise<string> {
    return git(this.dir, ['hash-object', '-w', '--stdin'], { input: content }).then((s) => s.trim());
  }

  /** Builds a tree from `base` (or empty) with the changes applied; nested paths create nested trees. */
  writeTree(base: string | undefined, changes: TreeChange[]): Promise<string> {
    return buildTree(this, base, changes);
  }

  /** Writes a commit object with the given identities. */
  async writeCommit(tree: string, parents: string[], message: string, author: GitIdentity, committer: GitIdentity): Promise<string> {
    const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])];
    const out = await git(this.dir, args, { input: message, env: identityEnv(author, committer) });
    return out.trim();
  }

  /** The object's type, or undefined when it does not exist. */
  async typeOf(sha: string): Promise<string | undefined> {
    if (!SHA.test(sha)) return undefined;
    try {
      return (await git(this.dir, ['cat-file', '-t', sha])).trim();
    } catch {
      return undefined;
    }
  }

  /** Reads and parses a commit object; undefined when absent. */
  async readCommit(sha: string): Promise<CommitInfo | undefined> {
    if ((await this.typeOf(sha)) !== 'commit') return undefined;
    const raw = await git(this.dir, ['cat-file', 'commit', sha]);
    const split = raw.indexOf('\n\n');
    const headers = raw.slice(0, split).split('\n');
    const info: CommitInfo = { sha, tree: '', parents: [], author: parseIdent(''), committer: parseIdent(''), message: raw.slice(split + 2) };
    for (const line of headers) {
      const [key, ...rest] = line.split(' ');
      const value = rest.join(' ');
      if (key === 'tree') info.tree = value;
      else if (key === 'parent') info.parents.push(value);
      else if (key === 'author') info.author = parseIdent(value);
      else if (key === 'committer') info.committer = parseIdent(value);
    }
    return info;
  }

  /** Lists a tree (recursively with subtrees when asked); undefined when the sha is not a tree. */
  async listTree(sha: string, recursive: boolean): Promise<TreeEntry[] | undefined> {
    if ((await this.typeOf(sha)) !== 'tree') return undefined;
    const args = ['ls-tree', '-l', '-z', ...(recursive ? ['-r', '-t'] : []), sha];
    const out = await git(this.dir, args);
    return out.split('\0').filter(Boolean).map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, objSha, size] = meta.trim().split(/\s+/);
      const entry: TreeEntry = { path, mode, type: type as TreeEntry['type'], sha: objSha };
      if (type === 'blob') entry.size = Number(size);
      return entry;
    });
  }

  /** Reads a blob's bytes. */
  readBlob(sha: string): Promise<Buffer> {
    return gitRaw(this.dir, ['cat-file', 'blob', sha]);
  }

  /** The commit a branch points at, or undefined when the branch does not exist. */
  async branchHead(branch: string): Promise<string | undefined> {
    try {
      return (await git(this.dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** Resolves a branch name or sha to a commit sha. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    if (SHA.test(ref)) return (await this.typeOf(ref)) === 'commit' ? ref : undefined;
    return this.branchHead(ref);
  }

  /** Moves (or creates) a ref; `expectedOld` guards against a lost race ('' means must not exist). */
  async setRef(ref: string, sha: string, expectedOld?: string): Promise<void> {
    const args = ['update-ref', ref, sha];
    if (expectedOld !== undefined) args.push(expectedOld || '0'.repeat(40));
    await git(this.dir, args);
  }

  /** True when `ancestor` is reachable from `descendant`. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await git(this.dir, ['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes the temporary directory holding the repository. */
  async destroy(): Promise<void> {
    await rm(join(this.dir, '..'), { recursive: true, force: true });
  }
}

function parseIdent(value: string): GitIdentity {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(value);
  if (!m) return { name: '', email: '', date: new Date(0).toISOString() };
  return { name: m[1], email: m[2], date: new Date(Number(m[3]) * 1000).toISOString().replace('.000Z', 'Z') };
}
