/** Issues, issue comments and labels. Pull requests share the issue numbering and appear in issue lists. */
import { notFound, unprocessable } from './http-util.js';
import { route, type Route, type RouteContext } from './route.js';
import { commentJson, issueJson, labelJson } from './shapes.js';
import { ensureLabel, findItem, now, type FakeIssue, type FakeState } from './state.js';

/** Applies the label names of a request (strings or {name}) and returns them. */
export function labelNames(state: FakeState, labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((l) => ensureLabel(state, typeof l === 'string' ? l : String((l as { name?: string }).name)).name);
}

/** Applies title/body/state/state_reason/labels from a PATCH body to an issue or pull request. */
export function applyEdits(state: FakeState, item: FakeIssue, body: Record<string, unknown>): void {
  if (typeof body.title === 'string') item.title = body.title;
  if (body.body !== undefined) item.body = (body.body as string | null) ?? null;
  if (body.labels !== undefined) item.labels = labelNames(state, body.labels);
  if (body.state === 'closed' && item.state === 'open') {
    item.state = 'closed';
    item.closed_at = now();
    item.state_reason = (body.state_reason as FakeIssue['state_reason']) ?? 'completed';
  } else if (body.state === 'open' && item.state === 'closed') {
    item.state = 'open';
    item.closed_at = null;
    item.state_reason = 'reopened';
  } else if (body.state_reason !== undefined && item.state === 'closed') {
    item.state_reason = body.state_reason as FakeIssue['state_reason'];
  }
  item.updated_at = now();
}

/** Slices one page (GitHub's per_page/page, default 30, max 100) and builds the Link header clients follow. */
export function page<T>(ctx: RouteContext, path: string, items: T[]): { items: T[]; headers: Record<string, string> } {
  const { query } = ctx;
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
  const pageNo = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const q = new URLSearchParams(query);
    q.set('page', String(n));
    return `<${ctx.state.apiUrl}/repos/${ctx.state.owner}/${ctx.state.repo}${path}?${q}>; rel="${rel}"`;
  };
  const links = [];
  if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'));
  if (pageNo > 1) links.push(link(1, 'first'), link(pageNo - 1, 'prev'));
  return { items: items.slice((pageNo - 1) * perPage, pageNo * perPage), headers: links.length ? { link: links.join(', ') } : {} };
}

async function listIssues(ctx: RouteContext) {
  const { state, query } = ctx;
  const wanted = query.get('state') ?? 'open';
  const labels = (query.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
  const all = [...state.issues, ...state.pulls]
    .filter((i) => wanted === 'all' || i.state === wanted)
    .filter((i) => labels.every((l) => i.labels.some((n) => n.toLowerCase() === l)))
    .sort((a, b) => (query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
  const { items, headers } = page(ctx, '/issues', all);
  return { status: 200, body: items.map((i) => issueJson(state, i)), headers };
}

/** A new open issue or pull request (they share GitHub's numbering and these fields). */
export function openItem(state: FakeState, title: string, body: { body?: string | null; labels?: unknown }): FakeIssue {
  const stamp = now();
  return {
    number: state.nextNumber++, title, body: body.body ?? null, state: 'open', state_reason: null,
    labels: labelNames(state, body.labels), comments: [], created_at: stamp, updated_at: stamp, closed_at: null,
  };
}

async function createIssue(ctx: RouteContext) {
  const { state, body } = ctx;
  if (typeof body?.title !== 'string' || !body.title) throw unprocessable('Validation Failed: title is missing');
  const issue = openItem(state, body.title, body);
  state.issues.push(issue);
  return { status: 201, body: issueJson(state, issue), headers: { location: issueJson(state, issue).url as string } };
}

function item(ctx: RouteContext) {
  const found = findItem(ctx.state, Number(ctx.params[0]));
  if (!found) throw notFound();
  return found;
}

async function getIssue(ctx: RouteContext) {
  return { status: 200, body: issueJson(ctx.state, item(ctx)) };
}

async function updateIssue(ctx: RouteContext) {
  const found = item(ctx);
  applyEdits(ctx.state, found, ctx.body ?? {});
  return { status: 200, body: issueJson(ctx.state, found) };
}

async function createComment(ctx: RouteContext) {
  const found = item(ctx);
  if (typeof ctx.body?.body !== 'string' || !ctx.body.body) throw unprocessable('Validation Failed: body is missing');
  const stamp = now();
  const comment = { id: ctx.state.nextId++, body: ctx.body.body as string, created_at: stamp, updated_at: stamp };
  found.comments.push(comment);
  found.updated_at = stamp;
  return { status: 201, body: commentJson(ctx.state, found.number, comment) };
}

async function listComments(ctx: RouteContext) {
  const found = item(ctx);
  const { items, headers } = page(ctx, `/issues/${found.number}/comments`, found.comments);
  return { status: 200, body: items.map((c) => commentJson(ctx.state, found.number, c)), headers };
}

async function createLabel(ctx: RouteContext) {
  const { name, color = 'ededed', description = null } = ctx.body ?? {};
  if (typeof name !== 'string' || !name) throw unprocessable('Validation Failed: name is missing');
  if (ctx.state.labels.has(name.toLowerCase())) throw unprocessable('Validation Failed: label already_exists');
  const label = ensureLabel(ctx.state, name, String(color).replace(/^#/, ''), description);
  return { status: 201, body: labelJson(ctx.state, label) };
}

/** Issue routes. */
export const issueRoutes: Route[] = [
  route('GET', /^\/issues$/, '/issues', listIssues),
  route('POST', /^\/issues$/, '/issues', createIssue),
  route('GET', /^\/issues\/(\d+)$/, '/issues/{issue_number}', getIssue),
  route('PATCH', /^\/issues\/(\d+)$/, '/issues/{issue_number}', updateIssue),
  route('POST', /^\/issues\/(\d+)\/comments$/, '/issues/{issue_number}/comments', createComment),
  route('GET', /^\/issues\/(\d+)\/comments$/, '/issues/{issue_number}/comments', listComments),
  route('POST', /^\/labels$/, '/labels', createLabel),
];
