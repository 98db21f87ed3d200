/** Commits and comparisons (read from the real bare repository), and editing an issue comment in place. */
import { git } from './git-exec.js';
import { notFound, unprocessable } from './http-util.js';
import { route, type Route, type RouteContext } from './route.js';
import { commentJson } from './shapes.js';
import { example } from './spec.js';
import { now } from './state.js';

type Json = Record<string, unknown>;
const STATUS: Record<string, string> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };

/** The files a range changed, as GitHub lists them (filename, status); `base` empty means the root commit's own. */
async function changedFiles(ctx: RouteContext, base: string | null, head: string): Promise<Json[]> {
  const args = base ? ['diff', '--name-status', '-z', base, head] : ['diff-tree', '--root', '--no-commit-id', '-r', '--name-status', '-z', head];
  const parts = (await git(ctx.store.dir, args)).split('\0').filter(Boolean);
  const files: Json[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    files.push({ sha: null, filename: parts[i + 1], status: STATUS[parts[i][0]] ?? 'modified', additions: 0, deletions: 0, changes: 0,
      blob_url: '', raw_url: '', contents_url: '' });
  }
  return files;
}

/** One commit in the REST shape (sha, commit.message, parents), without its files. */
async function commitJson(ctx: RouteContext, sha: string): Promise<Json> {
  const info = (await ctx.store.readCommit(sha))!;
  const base = example<Json>('commit');
  const { state } = ctx;
  return {
    ...base,
    sha,
    node_id: `C_${sha}`,
    url: `${state.apiUrl}/repos/${state.owner}/${state.repo}/commits/${sha}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/commit/${sha}`,
    commit: { ...(base.commit as Json), message: info.message.replace(/\n$/, ''),
      author: { name: info.author.name, email: info.author.email, date: info.author.date },
      committer: { name: info.committer.name, email: info.committer.email, date: info.committer.date } },
    parents: info.parents.map((p) => ({ sha: p, url: `${state.apiUrl}/repos/${state.owner}/${state.repo}/commits/${p}`, html_url: `https://github.com/${state.owner}/${state.repo}/commit/${p}` })),
  };
}

async function getCommit(ctx: RouteContext) {
  const sha = await ctx.store.resolveCommit(ctx.params[0]);
  if (!sha) throw unprocessable(`No commit found for SHA: ${ctx.params[0]}`);
  const info = (await ctx.store.readCommit(sha))!;
  const files = await changedFiles(ctx, info.parents[0] ?? null, sha);
  return { status: 200, body: { ...(await commitJson(ctx, sha)), files, stats: { total: 0, additions: 0, deletions: 0 } } };
}

/** GET compare/{base}...{head}: the commits reachable from head and not from base (oldest first), and the files changed. */
async function compare(ctx: RouteContext) {
  const [baseRef, headRef] = ctx.params[0].split('...');
  const base = baseRef ? await ctx.store.resolveCommit(baseRef) : undefined;
  const head = headRef ? await ctx.store.resolveCommit(headRef) : undefined;
  if (!base || !head) throw notFound();
  const shas = (await git(ctx.store.dir, ['rev-list', '--reverse', `${base}..${head}`])).split('\n').filter(Boolean);
  const behind = (await git(ctx.store.dir, ['rev-list', '--count', `${head}..${base}`])).trim();
  const commits = await Promise.all(shas.map((sha) => commitJson(ctx, sha)));
  const template = example<Json>('commit-comparison');
  const status = Number(behind) === 0 ? (shas.length ? 'ahead' : 'identical') : shas.length ? 'diverged' : 'behind';
  return {
    status: 200,
    body: { ...template, status, ahead_by: shas.length, behind_by: Number(behind), total_commits: shas.length, commits,
      files: await changedFiles(ctx, base, head), base_commit: await commitJson(ctx, base), merge_base_commit: await commitJson(ctx, base) },
  };
}

/** PATCH issues/comments/{id}: a comment edited in place (GitHub keeps its id and creation time). */
async function updateComment(ctx: RouteContext) {
  const id = Number(ctx.params[0]);
  if (typeof ctx.body?.body !== 'string' || !ctx.body.body) throw unprocessable('Validation Failed: body is missing');
  for (const item of [...ctx.state.issues, ...ctx.state.pulls]) {
    const comment = item.comments.find((c) => c.id === id);
    if (!comment) continue;
    comment.body = ctx.body.body as string;
    comment.updated_at = now();
    return { status: 200, body: commentJson(ctx.state, item.number, comment) };
  }
  throw notFound();
}

/** Commit, comparison and comment-edit routes. */
export const commitRoutes: Route[] = [
  route('GET', /^\/commits\/([^/]+)$/, '/commits/{ref}', getCommit),
  route('GET', /^\/compare\/(.+)$/, '/compare/{basehead}', compare),
  route('PATCH', /^\/issues\/comments\/(\d+)$/, '/issues/comments/{comment_id}', updateComment),
];
