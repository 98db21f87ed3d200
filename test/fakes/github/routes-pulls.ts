/** Pull request routes: list with head/base filters, create with GitHub's refusals, update. */
import { HttpError, notFound } from './http-util.js';
import { route, type Route, type RouteContext } from './route.js';
import { pullJson } from './shapes.js';
import type { FakePull } from './state.js';
import { applyEdits, openItem } from './routes-issues.js';

function validationFailed(message: string): HttpError {
  return new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', code: 'custom', message }] });
}

/** Strips an optional "owner:" prefix from a head; other owners' forks are not modelled. */
function branchOf(ctx: RouteContext, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  return head.slice(0, colon) === ctx.state.owner ? head.slice(colon + 1) : undefined;
}

async function render(ctx: RouteContext, pull: FakePull) {
  const head = (await ctx.store.branchHead(pull.head)) ?? '0'.repeat(40);
  const base = (await ctx.store.branchHead(pull.base)) ?? '0'.repeat(40);
  return pullJson(ctx.state, pull, { head, base });
}

async function listPulls(ctx: RouteContext) {
  const { query, state } = ctx;
  const wanted = query.get('state') ?? 'open';
  const head = query.get('head');
  const headBranch = head ? branchOf(ctx, head) : undefined;
  const base = query.get('base');
  const found = state.pulls
    .filter((p) => wanted === 'all' || p.state === wanted)
    .filter((p) => !head || p.head === headBranch)
    .filter((p) => !base || p.base === base)
    .sort((a, b) => b.number - a.number);
  return { status: 200, body: await Promise.all(found.map((p) => render(ctx, p))) };
}

async function createPull(ctx: RouteContext) {
  const { state, store, body } = ctx;
  if (state.refusePullRequests) throw new HttpError(403, 'GitHub Actions is not permitted to create or approve pull requests.');
  const head = typeof body?.head === 'string' ? branchOf(ctx, body.head) : undefined;
  const base = typeof body?.base === 'string' ? body.base : undefined;
  const headSha = head ? await store.branchHead(head) : undefined;
  const baseSha = base ? await store.branchHead(base) : undefined;
  if (!head || !headSha) throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
  if (!base || !baseSha) throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }] });
  if (state.pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) {
    throw validationFailed(`A pull request already exists for ${state.owner}:${head}.`);
  }
  if (await store.isAncestor(headSha, baseSha)) throw validationFailed(`No commits between ${base} and ${head}`);
  const pull: FakePull = { ...openItem(state, String(body.title ?? head), body), head, base };
  state.pulls.push(pull);
  const json = await render(ctx, pull);
  return { status: 201, body: json, headers: { location: json.url as string } };
}

function findPull(ctx: RouteContext): FakePull {
  const pull = ctx.state.pulls.find((p) => p.number === Number(ctx.params[0]));
  if (!pull) throw notFound();
  return pull;
}

async function getPull(ctx: RouteContext) {
  return { status: 200, body: await render(ctx, findPull(ctx)) };
}

async function updatePull(ctx: RouteContext) {
  const pull = findPull(ctx);
  const { labels: _ignored, ...edits } = ctx.body ?? {};
  applyEdits(ctx.state, pull, edits);
  if (typeof ctx.body?.base === 'string') pull.base = ctx.body.base;
  return { status: 200, body: await render(ctx, pull) };
}

/** Pull request routes. */
export const pullRoutes: Route[] = [
  route('GET', /^\/pulls$/, '/pulls', listPulls),
  route('POST', /^\/pulls$/, '/pulls', createPull),
  route('GET', /^\/pulls\/(\d+)$/, '/pulls/{pull_number}', getPull),
  route('PATCH', /^\/pulls\/(\d+)$/, '/pulls/{pull_number}', updatePull),
];
