/** The fake GitHub HTTP server: auth, routing, OpenAPI checks, request log, and the artifact endpoints. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { GitStore } from './git-store.js';
import { HttpError, readBody, sendJson, DOCS } from './http-util.js';
import { checkBody } from './openapi-validator.js';
import type { Route, RouteResult } from './route.js';
import { gitRoutes } from './routes-git.js';
import { issueRoutes } from './routes-issues.js';
import { pullRoutes } from './routes-pulls.js';
import { repoRoutes } from './routes-repo.js';
import { commitRoutes } from './routes-commits.js';
import { handleTwirp, makeRuntimeToken } from './artifacts.js';
import { createBlobStore, handleBlobRequest } from './blob-storage.js';
import { seedRepository } from './seed.js';
import type { FakeArtifact, FakeGitHubOptions, FakeIssue, FakePull, FakeState } from './state.js';

const ROUTES: Route[] = [...repoRoutes, ...gitRoutes, ...commitRoutes, ...issueRoutes, ...pullRoutes];

export interface FakeGitHub {
  /** Base for REST calls, e.g. http://127.0.0.1:PORT (use as GITHUB_API_URL). */
  apiUrl: string;
  /** ACTIONS_RESULTS_URL. */
  resultsUrl: string;
  /** ACTIONS_RUNTIME_TOKEN (a JWT whose scp names the run and job). */
  runtimeToken: string;
  token: string;
  owner: string;
  repo: string;
  /** Clone it with `git clone` to read the history. */
  bareRepoPath: string;
  /** Every request served, in order; path includes the query string. */
  requests: { method: string; path: string; status: number }[];
  /** Request or response bodies that do not match GitHub's OpenAPI description. */
  violations: string[];
  issues: FakeIssue[];
  pulls: FakePull[];
  artifacts: FakeArtifact[];
  /** Makes the next client update of `branch` lose a race: the fake commits `files` on top first. */
  pushConcurrentCommitOnce(branch: string, files: Record<string, string>): void;
  close(): Promise<void>;
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  return m?.[1].trim();
}

/** Starts a fake GitHub on an ephemeral 127.0.0.1 port with one README.md commit on the default branch. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const token = options.token ?? `ghs_fake${randomBytes(12).toString('hex')}`;
  const store = await GitStore.create(defaultBranch);
  const state: FakeState = {
    apiUrl: '',
    owner: options.owner ?? 'octo-org',
    repo: options.repo ?? 'guild-snapshots',
    defaultBranch,
    private: options.private ?? false,
    protectedBranches: new Set(options.protectedBranches ?? []),
    refusePullRequests: options.refusePullRequests ?? false,
    issues: [],
    pulls: [],
    labels: new Map(),
    artifacts: [],
    signedCommits: new Set(),
    pendingConcurrentPushes: new Map(),
    nextNumber: 1,
    nextId: 1001,
  };
  await seedRepository(store, state);
  const runtimeToken = makeRuntimeToken(randomBytes(8).toString('hex'), randomBytes(8).toString('hex'));
  const sig = randomBytes(16).toString('base64url');
  const blobs = createBlobStore();
  const pendingArtifacts = new Map();
  const requests: FakeGitHub['requests'] = [];
  const violations: string[] = [];
  // Requests run one at a time so ref updates and issue numbering never interleave.
  let queue: Promise<unknown> = Promise.resolve();

  async function serveRest(url: URL, req: IncomingMessage, raw: Buffer): Promise<RouteResult> {
    if (bearer(req) !== token) throw new HttpError(401, 'Bad credentials');
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const sameRepo = m && m[1].toLowerCase() === state.owner.toLowerCase() && m[2].toLowerCase() === state.repo.toLowerCase();
    const rest = m?.[3] ?? '';
    const found = sameRepo ? ROUTES.find((r) => r.method === req.method && r.pattern.test(rest)) : undefined;
    if (!found) throw new HttpError(404, 'Not Found');
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'Problems parsing JSON');
      }
    }
    if (req.method !== 'GET') note(checkBody(found.op, 'request', body ?? {}));
    const params = found.pattern.exec(rest)!.slice(1).map((p) => decodeURIComponent(p));
    let result: RouteResult;
    try {
      result = await found.handle({ state, store, params, query: url.searchParams, body });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: error.body() };
    }
    note(checkBody(found.op, result.status, result.body));
    return result;
  }

  function note(violation: string | undefined): void {
    if (violation) violations.push(violation);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', state.apiUrl);
    const raw = await readBody(req);
    const log = (status: number): void => {
      requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, status });
    };
    if (url.pathname.startsWith('/devstoreaccount1/')) {
      if (url.searchParams.get('sig') !== sig) {
        res.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' }).end();
      } else handleBlobRequest(blobs, url.pathname, url, req, res, raw);
      return log(res.statusCode);
    }
    if (url.pathname.startsWith('/twirp/')) {
      let reply;
      if (bearer(req) !== runtimeToken) reply = { status: 401, body: { code: 'unauthenticated', msg: 'ACTIONS_RUNTIME_TOKEN was missing or wrong' } };
      else {
        const parsed = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
        reply = handleTwirp(url.pathname, parsed, { state, blobs, pending: pendingArtifacts, origin: state.apiUrl, sig });
      }
      reply ??= { status: 404, body: { code: 'bad_route', msg: `no handler for ${url.pathname}` } };
      sendJson(res, reply.status, reply.body);
      return log(reply.status);
    }
    let result: RouteResult;
    try {
      result = await serveRest(url, req, raw);
    } catch (error) {
      if (error instanceof HttpError) result = { status: error.status, body: error.body() };
      else result = { status: 500, body: { message: `The fake GitHub failed: ${(error as Error).message}`, documentation_url: DOCS, status: '500' } };
    }
    sendJson(res, result.status, result.body, result.headers);
    log(result.status);
  }

  const server = createServer((req, res) => {
    const run = queue.then(() => handle(req, res));
    queue = run.catch(() => undefined);
    run.catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500).end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: state.apiUrl,
    resultsUrl: `${state.apiUrl}/`,
    runtimeToken,
    token,
    owner: state.owner,
    repo: state.repo,
    bareRepoPath: store.dir,
    requests,
    violations,
    issues: state.issues,
    pulls: state.pulls,
    artifacts: state.artifacts,
    pushConcurrentCommitOnce(branch, files) {
      state.pendingConcurrentPushes.set(branch, files);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.destroy();
    },
  };
}
