/** Git Data API routes: refs, commits, trees, blobs, backed by the real bare repository. */
import { notFound, unprocessable } from './http-util.js';
import { route, type Route, type RouteContext } from './route.js';
import type { GitIdentity } from './git-exec.js';
import { now, type FakeState } from './state.js';
import { commitJson, refJson, treeJson } from './git-shapes.js';
import { makeConcurrentCommit } from './concurrent-push.js';

const BOT_AUTHOR = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };
const WEB_COMMITTER = { name: 'GitHub', email: 'noreply@github.com' };

function identity(given: { name?: string; email?: string; date?: string } | undefined, fallback: { name: string; email: string }): GitIdentity {
  return { name: given?.name ?? fallback.name, email: given?.email ?? fallback.email, date: given?.date ?? now() };
}

function assertNotProtected(state: FakeState, branch: string): void {
  if (state.protectedBranches.has(branch)) {
    throw unprocessable(`Protected branch update failed for refs/heads/${branch}. GH006: changes must be made through a pull request.`);
  }
}

async function getRef(ctx: RouteContext) {
  const ref = ctx.params[0];
  if (!ref.startsWith('heads/')) throw notFound();
  const sha = await ctx.store.branchHead(ref.slice('heads/'.length));
  if (!sha) throw notFound();
  return { status: 200, body: refJson(ctx.state, `refs/${ref}`, sha) };
}

async function updateRef(ctx: RouteContext) {
  const ref = ctx.params[0];
  const { sha, force } = ctx.body ?? {};
  if (!ref.startsWith('heads/')) throw unprocessable('Reference does not exist');
  const branch = ref.slice('heads/'.length);
  const old = await ctx.store.branchHead(branch);
  if (!old) throw unprocessable('Reference does not exist');
  if (typeof sha !== 'string' || (await ctx.store.typeOf(sha)) !== 'commit') throw unprocessable('Object does not exist');
  assertNotProtected(ctx.state, branch);
  let current = old;
  const pending = ctx.state.pendingConcurrentPushes.get(branch);
  if (pending) {
    // Simulates another run pushing first: the client's commit no longer sits on the head.
    ctx.state.pendingConcurrentPushes.delete(branch);
    current = await makeConcurrentCommit(ctx.store, branch, current, pending);
  }
  if (!force && !(await ctx.store.isAncestor(current, sha))) throw unprocessable('Update is not a fast forward');
  await ctx.store.setRef(`refs/${ref}`, sha, current);
  return { status: 200, body: refJson(ctx.state, `refs/${ref}`, sha) };
}

async function createRef(ctx: RouteContext) {
  const { ref, sha } = ctx.body ?? {};
  if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
    throw unprocessable('Reference name must start with \'refs/\' and have at least two slashes.');
  }
  if (typeof sha !== 'string' || (await ctx.store.typeOf(sha)) !== 'commit') throw unprocessable('Object does not exist');
  if (ref.startsWith('refs/heads/')) {
    const branch = ref.slice('refs/heads/'.length);
    if (await ctx.store.branchHead(branch)) throw unprocessable('Reference already exists');
    assertNotProtected(ctx.state, branch);
  }
  await ctx.store.setRef(ref, sha, '');
  return { status: 201, body: refJson(ctx.state, ref, sha), headers: { location: `${ctx.state.apiUrl}/repos/${ctx.state.owner}/${ctx.state.repo}/git/${ref}` } };
}

async function getCommit(ctx: RouteContext) {
  const info = await ctx.store.readCommit(ctx.params[0]);
  if (!info) throw notFound();
  return { status: 200, body: commitJson(ctx.state, info) };
}

async function createCommit(ctx: RouteContext) {
  const { message, tree, parents = [], author, committer } = ctx.body ?? {};
  if (typeof message !== 'string') throw unprocessable('Invalid request.\n\n"message" wasn\'t supplied.');
  if (typeof tree !== 'string' || (await ctx.store.typeOf(tree)) !== 'tree') throw unprocessable('Tree SHA does not exist');
  for (const p of parents as string[]) {
    if ((await ctx.store.typeOf(p)) !== 'commit') throw unprocessable('Parent SHA does not exist or is not a commit object');
  }
  const a = identity(author, BOT_AUTHOR);
  const c = identity(committer ?? (author ? author : undefined), author ? a : WEB_COMMITTER);
  const sha = await ctx.store.writeCommit(tree, parents, message, a, c);
  // GitHub signs commits it authors itself, which is why the Action omits author/committer.
  if (!author && !committer) ctx.state.signedCommits.add(sha);
  const info = (await ctx.store.readCommit(sha))!;
  return { status: 201, body: commitJson(ctx.state, info) };
}

async function getTree(ctx: RouteContext) {
  const recursive = ['1', 'true'].includes(ctx.query.get('recursive') ?? '');
  let sha = ctx.params[0];
  // GitHub also accepts a commit sha or branch name here and answers with its tree.
  const commitSha = await ctx.store.resolveCommit(sha);
  if (commitSha) sha = (await ctx.store.readCommit(commitSha))!.tree;
  const entries = await ctx.store.listTree(sha, recursive);
  if (!entries) throw notFound();
  return { status: 200, body: treeJson(ctx.state, sha, entries) };
}

async function createTree(ctx: RouteContext) {
  const { base_tree: base, tree } = ctx.body ?? {};
  if (!Array.isArray(tree)) throw unprocessable('Invalid tree info');
  if (base !== undefined && (await ctx.store.typeOf(base)) !== 'tree') throw unprocessable('base_tree is not a valid tree oid');
  const changes = [];
  for (const item of tree as { path: string; mode: string; type: 'blob' | 'tree' | 'commit'; sha?: string | null; content?: string }[]) {
    if (typeof item.path !== 'string' || !item.path || item.path.startsWith('/') || item.path.endsWith('/')) {
      throw unprocessable(`tree.path contains a malformed path component: ${item.path}`);
    }
    if (item.content !== undefined && item.sha !== undefined) throw unprocessable('Must supply either tree.sha or tree.content. Request will be rejected if both are present.');
    let sha = item.sha ?? null;
    if (item.content !== undefined) sha = await ctx.store.writeBlob(Buffer.from(item.content, 'utf8'));
    else if (sha !== null && (await ctx.store.typeOf(sha)) !== item.type) throw unprocessable(`tree.sha ${sha} is not a valid ${item.type}`);
    changes.push({ path: item.path, mode: item.mode, type: item.type, sha });
  }
  const sha = await ctx.store.writeTree(base, changes);
  const entries = (await ctx.store.listTree(sha, false))!;
  return { status: 201, body: treeJson(ctx.state, sha, entries) };
}

async function createBlob(ctx: RouteContext) {
  const { content, encoding = 'utf-8' } = ctx.body ?? {};
  if (typeof content !== 'string') throw unprocessable('Invalid request.\n\n"content" wasn\'t supplied.');
  if (encoding !== 'utf-8' && encoding !== 'base64') throw unprocessable(`encoding must be utf-8 or base64, got ${String(encoding)}`);
  const sha = await ctx.store.writeBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
  return { status: 201, body: { url: `${ctx.state.apiUrl}/repos/${ctx.state.owner}/${ctx.state.repo}/git/blobs/${sha}`, sha } };
}

async function getBlob(ctx: RouteContext) {
  if ((await ctx.store.typeOf(ctx.params[0])) !== 'blob') throw notFound();
  const bytes = await ctx.store.readBlob(ctx.params[0]);
  const sha = ctx.params[0];
  const url = `${ctx.state.apiUrl}/repos/${ctx.state.owner}/${ctx.state.repo}/git/blobs/${sha}`;
  return { status: 200, body: { sha, node_id: `B_${sha}`, url, size: bytes.length, content: bytes.toString('base64'), encoding: 'base64' } };
}

/** The Git Data routes in matching order. */
export const gitRoutes: Route[] = [
  route('GET', /^\/git\/ref\/(.+)$/, '/git/ref/{ref}', getRef),
  route('PATCH', /^\/git\/refs\/(.+)$/, '/git/refs/{ref}', updateRef),
  route('POST', /^\/git\/refs$/, '/git/refs', createRef),
  route('GET', /^\/git\/commits\/([0-9a-f]{40})$/, '/git/commits/{commit_sha}', getCommit),
  route('POST', /^\/git\/commits$/, '/git/commits', createCommit),
  route('GET', /^\/git\/trees\/([^/]+)$/, '/git/trees/{tree_sha}', getTree),
  route('POST', /^\/git\/trees$/, '/git/trees', createTree),
  route('POST', /^\/git\/blobs$/, '/git/blobs', createBlob),
  route('GET', /^\/git\/blobs\/([0-9a-f]{40})$/, '/git/blobs/{file_sha}', getBlob),
];

