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
    repositoryPrivate: readRepositoryPrivate(env.GITHUB_EVENT_PATH),
    tempDir: env.RUNNER_TEMP || tmpdir(),
    artifactRuntime: Boolean(env.ACTIONS_RUNTIME_TOKEN),
  };
}

function readRepositoryPrivate(eventPath: string | undefined): boolean | null {
  if (!eventPath) return null;
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as { repository?: { private?: unknown } };
    return typeof payload.repository?.private === 'boolean' ? payload.repository.private : null;
  } catch {
    return null;
  }
}
