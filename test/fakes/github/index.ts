/** A local fake of GitHub (REST, Git Data on a real bare repo, artifacts) for end-to-end tests of the Action. */
export { startFakeGitHub, type FakeGitHub } from './server.js';
export type { FakeGitHubOptions, FakeIssue, FakePull, FakeComment, FakeArtifact } from './state.js';
export { unzipEntries } from './unzip.js';
export { callApi } from './client.js';
