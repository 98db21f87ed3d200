/** The fake's in-memory records (issues, pull requests, labels, artifacts) and its options. */
export interface FakeComment {
  id: number;
  body: string;
  created_at: string;
  updated_at: string;
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  labels: string[];
  comments: FakeComment[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}
export interface FakePull extends FakeIssue {
  /** Branch name of the head (same repository). */
  head: string;
  /** Branch name of the base. */
  base: string;
}
export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}
export interface FakeArtifact {
  id: string;
  name: string;
  bytes: Buffer;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  token?: string;
  private?: boolean;
  protectedBranches?: string[];
  refusePullRequests?: boolean;
}

/** Everything the routes read and write, shared by one fake server. */
export interface FakeState {
  apiUrl: string;
  owner: string;
  repo: string;
  defaultBranch: string;
  private: boolean;
  protectedBranches: Set<string>;
  refusePullRequests: boolean;
  issues: FakeIssue[];
  pulls: FakePull[];
  labels: Map<string, FakeLabel>;
  artifacts: FakeArtifact[];
  /** Commits made without author/committer, which GitHub signs (verified: true). */
  signedCommits: Set<string>;
  /** Branch -> files the fake commits just before the next client ref update of that branch. */
  pendingConcurrentPushes: Map<string, Record<string, string>>;
  nextNumber: number;
  nextId: number;
}

/** An ISO timestamp without milliseconds, as GitHub writes them. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Finds an issue or pull request by number. */
export function findItem(state: FakeState, n: number): FakeIssue | FakePull | undefined {
  return state.issues.find((i) => i.number === n) ?? state.pulls.find((p) => p.number === n);
}

/** Returns the label record, creating it (as GitHub does when an issue names an unknown label). */
export function ensureLabel(state: FakeState, name: string, color = 'ededed', description: string | null = null): FakeLabel {
  const key = name.toLowerCase();
  let label = state.labels.get(key);
  if (!label) {
    label = { id: state.nextId++, name, color, description };
    state.labels.set(key, label);
  }
  return label;
}
