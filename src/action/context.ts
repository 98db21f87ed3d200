import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** What the runner tells the action through GITHUB_* / RUNNER_* / ACTIONS_* variables. */
export interface RunnerContext {
  owner: string | null;
  repo: string | null;
  apiUrl: string;
  serverUrl: string;
  runId: string | null;
  /** The commit the workflow runs at (GITHUB_SHA). */
  sha: string | null;
  /** From the event payload (repository.private); null when unknown. */
  repositoryPrivate: boolean | null;
  /** Where the export files go (RUNNER_TEMP, else the OS temp dir). */
  tempDir: string;
  /** The artifact service is reachable (ACTIONS_RUNTIME_TOKEN set). */
  artifactRuntime: boolean;
  /** GITHUB_EVENT_NAME: push, pull_request, schedule... */
  eventName: string | null;
  /** The event's repository is a fork (repository.fork), or the pull request comes from one; null when unknown. */
  fork: boolean | null;
  /** pull_request events: the pull request's number and head commit. */
  pullRequest: { number: number; headSha: string; baseSha: string | null } | null;
  /** push events: the commits before and after the push. */
  push: { before: string; after: string; ref: string } | null;
}

/** Reads the runner context from an environment (process.env in the action, a plain object in tests). */
export function readRunnerContext(env: NodeJS.ProcessEnv): RunnerContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    owner: owner && repo ? owner : null,
    repo: owner && repo ? repo : null,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID || null,
    sha: env.GITHUB_SHA || null,
    ...readEvent(env.GITHUB_EVENT_PATH),
    tempDir: env.RUNNER_TEMP || tmpdir(),
    artifactRuntime: Boolean(env.ACTIONS_RUNTIME_TOKEN),
    eventName: env.GITHUB_EVENT_NAME || null,
  };
}

interface EventPayload {
  repository?: { private?: unknown; fork?: unknown; full_name?: unknown };
  pull_request?: { number?: unknown; head?: { sha?: unknown; repo?: { fork?: unknown; full_name?: unknown } | null }; base?: { sha?: unknown } };
  before?: unknown;
  after?: unknown;
  ref?: unknown;
}

/** What the event payload tells: every field checked, as the file is the runner's but its values come from GitHub. */
function readEvent(eventPath: string | undefined): Pick<RunnerContext, 'repositoryPrivate' | 'fork' | 'pullRequest' | 'push'> {
  const none = { repositoryPrivate: null, fork: null, pullRequest: null, push: null };
  if (!eventPath) return none;
  let payload: EventPayload;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload;
  } catch {
    return none;
  }
  if (!payload || typeof payload !== 'object') return none;
  const sha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
  const pr = payload.pull_request;
  const headRepo = pr?.head?.repo;
  const fromFork = headRepo ? headRepo.fork === true || (typeof headRepo.full_name === 'string' && headRepo.full_name !== payload.repository?.full_name) : false;
  return {
    repositoryPrivate: typeof payload.repository?.private === 'boolean' ? payload.repository.private : null,
    fork: typeof payload.repository?.fork === 'boolean' ? payload.repository.fork || fromFork : fromFork || null,
    pullRequest: pr && typeof pr.number === 'number' && sha(pr.head?.sha) ? { number: pr.number, headSha: pr.head.sha, baseSha: sha(pr.base?.sha) ? pr.base.sha : null } : null,
    push: sha(payload.before) && sha(payload.after) ? { before: payload.before, after: payload.after, ref: typeof payload.ref === 'string' ? payload.ref : '' } : null,
  };
}
