/**
 * The GitHub REST client: Octokit from @actions/github with the retry and throttling plugins (transient 5xx and
 * network errors retried, primary and secondary rate limits waited out per `retry-after`), a proxy-aware fetch, and
 * errors turned into one message that says what to do.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { proxyAwareFetch } from './proxy-fetch.js';

export interface GitHubClientOptions {
  /** REST API root, e.g. https://api.github.com or a GHES/fake URL (GITHUB_API_URL). */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  /** Where rate-limit waits and retries are reported (the Action's log). */
  log?: (line: string) => void;
}

/** An HTTP error from GitHub, carrying its message and a hint about what to do. */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly apiMessage: string,
    readonly hint: string,
  ) {
    super(`GitHub ${method} ${path} failed with ${status}: ${apiMessage.replace(/\.+$/, '')}. ${hint}`);
  }
}

/** What to do about a GitHub error, by status: the permission the workflow most likely lacks. */
export function hintForStatus(status: number, apiMessage: string): string {
  if (status === 401) return 'The github-token is invalid or expired: pass `github-token: ${{ github.token }}` or a valid token.';
  if ((status === 403 || status === 429) && /rate limit/i.test(apiMessage)) return 'GitHub rate limited this token: retry later or run less often.';
  if (status === 403 && /not permitted to create or approve pull requests/i.test(apiMessage)) {
    return 'Enable "Allow GitHub Actions to create and approve pull requests" in the repository settings (Actions > General), or use `commit: push`.';
  }
  if (status === 403) {
    return 'The token lacks a permission: grant the workflow `permissions: contents: write` (commits), `pull-requests: write` (commit: pull-request) and `issues: write` (on-regression: issue).';
  }
  if (status === 404) return 'The repository or resource was not found, or the token cannot see it: check GITHUB_REPOSITORY and the token\'s access.';
  if (status === 409) return 'The repository is empty or in a conflicting state: push an initial commit, then re-run.';
  if (status === 422) return 'GitHub rejected the request as invalid: check the branch name and inputs.';
  if (status >= 500) return 'GitHub had a server error: re-run the job.';
  return 'Check the token, repository and inputs, then re-run.';
}

/** Attempts after the first for a transient failure (5xx, reset connection): 1 s, 4 s, 9 s apart. */
const RETRIES = 3;
/** Rate-limit waits longer than this fail the step instead: a scheduled job should not sit for an hour. */
const MAX_RATE_LIMIT_WAIT_S = 120;
/** Rate-limit waits per request before giving up. */
const MAX_RATE_LIMIT_RETRIES = 2;

type Octokit = ReturnType<typeof getOctokit>;

/**
 * Writes go one at a time but without the plugin's default 1 s (3 s for issues, comments and pull requests) spacing:
 * a run makes about a dozen writes, far below GitHub's secondary limits (80 content-creating requests a minute),
 * and the spacing would add 10-20 s to every run. A secondary-limit answer is still waited out per `retry-after`.
 */
const writeGroups = {
  write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
};

/** A repository-scoped REST client. `path` is relative to /repos/{owner}/{repo} unless it starts with '/'. */
export class GitHubClient {
  readonly octokit: Octokit;

  constructor(readonly options: GitHubClientOptions) {
    const log = options.log ?? (() => undefined);
    const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const wait = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      log(`GitHub ${kind} rate limit on ${request.method} ${request.url}${wait ? `: waiting ${retryAfter} s, then retrying.` : '.'}`);
      return wait;
    };
    this.octokit = getOctokit(
      options.token,
      {
        baseUrl: options.apiUrl.replace(/\/+$/, ''),
        userAgent: 'discord-server-exporter',
        // Replaces @actions/github's fetch, whose proxy handling ignores NO_PROXY patterns and never proxies loopback.
        request: { fetch: proxyAwareFetch() },
        // 429 is the throttling plugin's (it honours retry-after); the rest are answers a retry cannot change.
        retry: { retries: RETRIES, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
        throttle: { ...writeGroups, onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
        // Octokit's own console warnings (deprecations) would bypass the Action's log escaping.
        log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log(m), error: (m: string) => log(m) },
      },
      retry,
      throttling,
    );
  }

  get owner(): string {
    return this.options.owner;
  }

  get repo(): string {
    return this.options.repo;
  }

  /** Absolute API path for a repository-relative one. */
  fullPath(path: string): string {
    return path.startsWith('/') ? path : `/repos/${this.options.owner}/${this.options.repo}/${path}`;
  }

  /** Sends one request; resolves the parsed JSON (null for 204) or throws GitHubApiError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const full = this.fullPath(path);
    try {
      const response = await this.octokit.request({
        method,
        url: full,
        ...(body === undefined ? {} : { data: body }),
        // Creating an issue, comment or pull request twice is worse than failing once: only idempotent calls retry
        // (reads, and Git Data writes, which name content by its hash).
        // (Set only to 0: any other per-request `retries` makes the retry plugin retry every status, even a 403.)
        ...(method === 'GET' || full.includes('/git/') ? {} : { request: { retries: 0 } }),
      });
      return (response.status === 204 || response.data === '' ? null : response.data) as T;
    } catch (err) {
      throw toApiError(err, method, full, this.options.apiUrl);
    }
  }

  /** Every item of a paginated list (follows the Link header), up to `maxItems`. */
  async paginate<T>(path: string, maxItems = 1000): Promise<T[]> {
    const full = this.fullPath(path);
    const items: T[] = [];
    try {
      for await (const page of this.octokit.paginate.iterator({ method: 'GET', url: full })) {
        items.push(...(page.data as T[]));
        if (items.length >= maxItems) break;
      }
    } catch (err) {
      throw toApiError(err, 'GET', full, this.options.apiUrl);
    }
    return items.slice(0, maxItems);
  }
}

/** Octokit's RequestError (or a network failure) as a GitHubApiError with GitHub's message and a hint. */
function toApiError(err: unknown, method: string, path: string, apiUrl: string): GitHubApiError {
  if (err instanceof GitHubApiError) return err;
  const e = err as { status?: unknown; response?: { data?: unknown; status?: number }; message?: unknown };
  if (!e?.response) {
    const reason = typeof e?.message === 'string' ? e.message : String(err);
    return new GitHubApiError(0, method, path, `network error (${reason})`, `Check that ${apiUrl} is reachable from the runner (and HTTPS_PROXY / NO_PROXY, when set), then re-run.`);
  }
  const status = typeof e.status === 'number' ? e.status : (e.response.status ?? 0);
  const apiMessage = errorMessage(e.response.data) ?? `HTTP ${status}`;
  return new GitHubApiError(status, method, path, apiMessage, hintForStatus(status, apiMessage));
}

/** GitHub's `message` plus any `errors[].message`, or the start of a non-JSON body; null when there is nothing. */
function errorMessage(data: unknown): string | null {
  if (typeof data === 'string') return data.trim() ? data.trim().slice(0, 200) : null;
  if (!data || typeof data !== 'object') return null;
  const body = data as { message?: unknown; errors?: unknown };
  if (typeof body.message !== 'string') return null;
  const details = Array.isArray(body.errors)
    ? body.errors
        .map((e: unknown) => (typeof e === 'string' ? e : typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : ''))
        .filter(Boolean)
    : [];
  return details.length ? `${body.message} (${details.join('; ')})` : body.message;
}
