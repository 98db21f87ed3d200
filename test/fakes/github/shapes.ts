/** Response objects shaped like GitHub's, built from the OpenAPI description's own examples and then filled in. */
import { example } from './spec.js';
import type { FakeComment, FakeIssue, FakeLabel, FakePull, FakeState } from './state.js';

type Json = Record<string, unknown>;

/** Rewrites an example's octocat/Hello-World URLs to this fake's repository. */
function localize<T>(state: FakeState, value: T): T {
  const text = JSON.stringify(value)
    .replaceAll('https://api.github.com/repos/octocat/Hello-World', `${state.apiUrl}/repos/${state.owner}/${state.repo}`)
    .replaceAll('https://github.com/octocat/Hello-World', `https://github.com/${state.owner}/${state.repo}`)
    .replaceAll('octocat/Hello-World', `${state.owner}/${state.repo}`)
    .replaceAll('https://api.github.com', state.apiUrl);
  return JSON.parse(text) as T;
}

/** The bot user that GITHUB_TOKEN acts as. */
export function botUser(state: FakeState): Json {
  const user = localize(state, (example('issue') as Json).user as Json);
  return { ...user, login: 'github-actions[bot]', id: 41898282, type: 'Bot', html_url: 'https://github.com/apps/github-actions' };
}

/** GET /repos/{o}/{r}. */
export function repositoryJson(state: FakeState): Json {
  const repo = localize(state, example('full-repository-default-response'));
  // The example is a fork inside an organization; the fake's repository is neither.
  for (const key of ['source', 'parent', 'template_repository', 'organization']) delete repo[key];
  return {
    ...repo,
    name: state.repo,
    full_name: `${state.owner}/${state.repo}`,
    private: state.private,
    visibility: state.private ? 'private' : 'public',
    default_branch: state.defaultBranch,
    fork: false,
    language: null,
    owner: { ...(repo.owner as Json), login: state.owner },
  };
}

/** A label object. */
export function labelJson(state: FakeState, label: FakeLabel): Json {
  const url = `${state.apiUrl}/repos/${state.owner}/${state.repo}/labels/${encodeURIComponent(label.name)}`;
  return { id: label.id, node_id: `LA_${label.id}`, url, name: label.name, description: label.description, color: label.color, default: false };
}

function labelsOf(state: FakeState, item: FakeIssue): Json[] {
  return item.labels.map((name) => labelJson(state, state.labels.get(name.toLowerCase())!));
}

/** An issue object; pull requests carry the `pull_request` key as in GitHub's issue lists. */
export function issueJson(state: FakeState, item: FakeIssue | FakePull): Json {
  const base = localize(state, example('issue'));
  const api = `${state.apiUrl}/repos/${state.owner}/${state.repo}`;
  const isPull = 'head' in item;
  const json: Json = {
    ...base,
    id: 1000 + item.number,
    node_id: `I_${item.number}`,
    number: item.number,
    url: `${api}/issues/${item.number}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/${isPull ? 'pull' : 'issues'}/${item.number}`,
    comments_url: `${api}/issues/${item.number}/comments`,
    events_url: `${api}/issues/${item.number}/events`,
    labels_url: `${api}/issues/${item.number}/labels{/name}`,
    title: item.title,
    body: item.body,
    state: item.state,
    state_reason: item.state_reason,
    labels: labelsOf(state, item),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: item.comments.length,
    user: botUser(state),
    closed_by: null,
    created_at: item.created_at,
    updated_at: item.updated_at,
    closed_at: item.closed_at,
    author_association: 'NONE',
  };
  delete json.pull_request;
  if (isPull) {
    json.pull_request = {
      url: `${api}/pulls/${item.number}`,
      html_url: `https://github.com/${state.owner}/${state.repo}/pull/${item.number}`,
      diff_url: `https://github.com/${state.owner}/${state.repo}/pull/${item.number}.diff`,
      patch_url: `https://github.com/${state.owner}/${state.repo}/pull/${item.number}.patch`,
      merged_at: null,
    };
  }
  return json;
}

/** A pull request object; `heads` gives the current commit of each branch. */
export function pullJson(state: FakeState, pull: FakePull, heads: { head: string; base: string }): Json {
  const base = localize(state, example('pull-request'));
  const api = `${state.apiUrl}/repos/${state.owner}/${state.repo}`;
  const html = `https://github.com/${state.owner}/${state.repo}/pull/${pull.number}`;
  const repo = (base.head as Json).repo as Json;
  const side = (branch: string, sha: string) => ({
    ...(base.head as Json),
    label: `${state.owner}:${branch}`,
    ref: branch,
    sha,
    repo: { ...repo, name: state.repo, full_name: `${state.owner}/${state.repo}`, private: state.private },
  });
  return {
    ...base,
    id: 2000 + pull.number,
    node_id: `PR_${pull.number}`,
    number: pull.number,
    url: `${api}/pulls/${pull.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    labels: labelsOf(state, pull),
    user: botUser(state),
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    milestone: null,
    locked: false,
    draft: false,
    merged: false,
    merged_at: null,
    merged_by: null,
    merge_commit_sha: null,
    mergeable: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    head: side(pull.head, heads.head),
    base: side(pull.base, heads.base),
    comments: pull.comments.length,
    auto_merge: null,
  };
}

/** An issue comment object. */
export function commentJson(state: FakeState, issueNumber: number, comment: FakeComment): Json {
  const api = `${state.apiUrl}/repos/${state.owner}/${state.repo}`;
  return {
    ...localize(state, example('issue-comment')),
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/issues/${issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${issueNumber}`,
    body: comment.body,
    user: botUser(state),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'NONE',
  };
}
