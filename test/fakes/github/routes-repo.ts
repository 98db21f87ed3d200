/** Repository metadata and the contents API. */
import { notFound } from './http-util.js';
import { route, type Route, type RouteContext } from './route.js';
import { repositoryJson } from './shapes.js';

async function getRepo(ctx: RouteContext) {
  return { status: 200, body: repositoryJson(ctx.state) };
}

async function getContent(ctx: RouteContext) {
  const path = ctx.params[0].replace(/\/+$/, '');
  const ref = ctx.query.get('ref') ?? ctx.state.defaultBranch;
  const commitSha = await ctx.store.resolveCommit(ref);
  if (!commitSha) throw notFound();
  const commit = (await ctx.store.readCommit(commitSha))!;
  // Walk the tree one level at a time so only the path's own entries are read.
  let treeSha = commit.tree;
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const entry = (await ctx.store.listTree(treeSha, false))?.find((e) => e.path === parts[i]);
    if (!entry) throw notFound();
    if (i < parts.length - 1) {
      if (entry.type !== 'tree') throw notFound();
      treeSha = entry.sha;
      continue;
    }
    // Directories are listed by GitHub too, but the Action only reads files.
    if (entry.type !== 'blob') throw notFound();
    const bytes = await ctx.store.readBlob(entry.sha);
    const { state } = ctx;
    const url = `${state.apiUrl}/repos/${state.owner}/${state.repo}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    const gitUrl = `${state.apiUrl}/repos/${state.owner}/${state.repo}/git/blobs/${entry.sha}`;
    const htmlUrl = `https://github.com/${state.owner}/${state.repo}/blob/${ref}/${path}`;
    const body = {
      type: 'file',
      encoding: 'base64',
      size: bytes.length,
      name: parts[i],
      path,
      // GitHub wraps base64 at 60 characters; clients must strip the newlines.
      content: (bytes.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n',
      sha: entry.sha,
      url,
      git_url: gitUrl,
      html_url: htmlUrl,
      download_url: `https://raw.githubusercontent.com/${state.owner}/${state.repo}/${ref}/${path}`,
      _links: { self: url, git: gitUrl, html: htmlUrl },
    };
    return { status: 200, body };
  }
  throw notFound();
}

/** Repository and contents routes. */
export const repoRoutes: Route[] = [
  route('GET', /^$/, '', getRepo),
  route('GET', /^\/contents\/(.+)$/, '/contents/{path}', getContent),
];
