/** JSON shapes of the Git Data API (refs, commits, trees) as GitHub returns them. */
import type { CommitInfo, TreeEntry } from './git-store.js';
import type { FakeState } from './state.js';

function api(state: FakeState): string {
  return `${state.apiUrl}/repos/${state.owner}/${state.repo}`;
}

/** A git-ref object. */
export function refJson(state: FakeState, ref: string, sha: string): Record<string, unknown> {
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64')}`,
    url: `${api(state)}/git/${ref}`,
    object: { type: 'commit', sha, url: `${api(state)}/git/commits/${sha}` },
  };
}

/** A git-commit object; verification mirrors GitHub signing the commits it authored itself. */
export function commitJson(state: FakeState, info: CommitInfo): Record<string, unknown> {
  const verified = state.signedCommits.has(info.sha);
  return {
    sha: info.sha,
    node_id: `C_${info.sha}`,
    url: `${api(state)}/git/commits/${info.sha}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/commit/${info.sha}`,
    author: info.author,
    committer: info.committer,
    tree: { sha: info.tree, url: `${api(state)}/git/trees/${info.tree}` },
    message: info.message.replace(/\n$/, ''),
    parents: info.parents.map((sha) => ({
      sha,
      url: `${api(state)}/git/commits/${sha}`,
      html_url: `https://github.com/${state.owner}/${state.repo}/commit/${sha}`,
    })),
    verification: {
      verified,
      reason: verified ? 'valid' : 'unsigned',
      signature: verified ? '-----BEGIN PGP SIGNATURE-----\n(fake)\n-----END PGP SIGNATURE-----' : null,
      payload: verified ? `tree ${info.tree}\n` : null,
      verified_at: verified ? info.committer.date : null,
    },
  };
}

/** A git-tree object. */
export function treeJson(state: FakeState, sha: string, entries: TreeEntry[]): Record<string, unknown> {
  return {
    sha,
    url: `${api(state)}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.size !== undefined ? { size: e.size } : {}),
      url: `${api(state)}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    })),
  };
}
