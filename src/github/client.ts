/** A small GitHub REST client on global fetch: JSON in, JSON out, GitHub's own error message surfaced. */

export interface GitHubClientOptions {
  /** REST API root, e.g. https://api.github.com or a GHES/fake URL (GITHUB_API_URL). */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
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
  if (status === 403 && /rate limit/i.test(apiMessage)) return 'GitHub rate limited this token: retry later or run less often.';
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

/** A repository-scoped REST client. `path` is relative to /repos/{owner}/{repo} unless it starts with '/'. */
export class GitHubClient {
  constructor(readonly options: GitHubClientOptions) {}

  get owner(): string {
    return this.options.owner;
  }

  get repo(): string {
    return this.options.repo;
  }

  /** Sends one request; resolves the parsed JSON (null for 204) or throws GitHubApiError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const full = path.startsWith('/') ? path : `/repos/${this.options.owner}/${this.options.repo}/${path}`;
    const url = this.options.apiUrl.replace(/\/+$/, '') + full;
    const init: RequestInit = {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.options.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'discord-server-exporter',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    // Reads are retried once (transient resets and 502/503/504 happen on runners); writes are not, since a
    // repeated POST could open a second issue or pull request.
    const attempts = method === 'GET' ? 2 : 1;
    let response: Response | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        response = await fetch(url, init);
      } catch (err) {
        if (attempt < attempts) continue;
        const reason = err instanceof Error ? err.message : String(err);
        throw new GitHubApiError(0, method, full, `network error (${reason})`, `Check that ${this.options.apiUrl} is reachable from the runner, then re-run.`);
      }
      if (![502, 503, 504].includes(response.status) || attempt === attempts) break;
      await response.body?.cancel();
    }
    if (!response) throw new Error('unreachable: no response');
    const text = await response.text();
    if (!response.ok) {
      const apiMessage = errorMessage(text) ?? response.statusText;
      throw new GitHubApiError(response.status, method, full, apiMessage, hintForStatus(response.status, apiMessage));
    }
    if (response.status === 204 || text === '') return null as T;
    return JSON.parse(text) as T;
  }
}

/** GitHub's `message` plus any `errors[].message`, or null when the body is not GitHub's JSON error. */
function errorMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { message?: unknown; errors?: unknown };
    if (typeof body.message !== 'string') return null;
    const details = Array.isArray(body.errors)
      ? body.errors
          .map((e: unknown) => (typeof e === 'string' ? e : typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : ''))
          .filter(Boolean)
      : [];
    return details.length ? `${body.message} (${details.join('; ')})` : body.message;
  } catch {
    return text.trim() ? text.trim().slice(0, 200) : null;
  }
}
