import { execFileSync } from 'node:child_process';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { GitHubClient } from '../../../src/github/client.js';

/** A fake GitHub plus a client for it. */
export async function fakeWithClient(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<{ fake: FakeGitHub; client: GitHubClient }> {
  const fake = await startFakeGitHub(options);
  return { fake, client: new GitHubClient({ apiUrl: fake.apiUrl, token: fake.token, owner: fake.owner, repo: fake.repo }) };
}

/** Runs git against the fake's bare repository. */
export function git(fake: FakeGitHub, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', fake.bareRepoPath, ...args], { encoding: 'utf8' });
}
