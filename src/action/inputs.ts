import * as core from '@actions/core';
import type { MembersMode } from '../schema/types.js';
import { isSnowflake } from '../schema/snowflake.js';
import { secretForms } from '../config/redact.js';
import { tooManyGuilds } from '../config/validate.js';
import { AI_INPUT_NAMES, parseAiInputs } from '../ai/action-inputs.js';
import type { AiSettings } from '../ai/settings.js';
import { parseRestoreInputs, RESTORE_INPUT_NAMES, type RestoreInputs } from './restore-inputs.js';

export const COMMIT_MODES = ['push', 'pull-request', 'none'] as const;
export const REGRESSION_ACTIONS = ['fail', 'issue', 'fail-and-issue', 'none'] as const;
export const ESCALATION_ACTIONS = ['none', 'issue', 'fail', 'fail-and-issue'] as const;
export const MEMBER_MODES = ['none', 'counts', 'full'] as const;
export type CommitMode = (typeof COMMIT_MODES)[number];
export type RegressionAction = (typeof REGRESSION_ACTIONS)[number];
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** Every input action.yml declares, by its exact name. */
export const INPUT_NAMES = [
  'discord-token', 'guild-id', 'api-base', 'demo', 'snapshot-dir', 'commit', 'branch', 'commit-message',
  'health-threshold', 'on-regression', 'issue-labels', 'artifact-name', 'artifact-retention-days', 'members',
  'config', 'github-token', 'include-invite-codes', 'keep-images', 'on-escalation', 'escalation-labels', 'max-score-drop', ...AI_INPUT_NAMES, ...RESTORE_INPUT_NAMES,
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Record<InputName, string>;

/**
 * The default threshold. Measured: a 12-member server at Discord's defaults scores 69, at 60 members 60, at 200
 * members 57, from 1,000 members 47; the demo guild (planted problems, 150 members) 52; a well-run community 85-100.
 */
export const DEFAULT_HEALTH_THRESHOLD = 50;

export const DEFAULT_COMMIT_MESSAGE = 'Discord snapshot: {guild-name} ({guild-id})';

export interface ActionInputs {
  discordToken: string | null;
  /** The first of guildIds; null only in demo mode without an explicit id (the demo guild's id is used). */
  guildId: string | null;
  /** Every server to export (`guild-id`: ids separated by commas or line breaks, repeats dropped). */
  guildIds: string[];
  apiBase: string | null;
  demo: boolean;
  /** Null: `discord-snapshots/<guild-id>`, resolved once the id is known. */
  snapshotDir: string | null;
  commit: CommitMode;
  /** Null: the default branch (push) or `discord-snapshots/<guild-id>` (pull-request). */
  branch: string | null;
  commitMessage: string;
  healthThreshold: number;
  onRegression: RegressionAction;
  issueLabels: string[];
  /** What to do when the diff against the last snapshot holds high or critical escalations. */
  onEscalation: EscalationAction;
  escalationLabels: string[];
  /** A score this many points below the last snapshot's counts as a breach (null: off). */
  maxScoreDrop: number | null;
  /** Null: `discord-export-<guild-id>`. */
  artifactName: string | null;
  artifactRetentionDays: number | null;
  members: MembersMode;
  /** Keep live invite codes in snapshot.json and the artifact's export.json (default: only each invite's shape). */
  includeInviteCodes: boolean;
  /** Keep emoji and sticker images in the artifact's export.zip (default false). */
  keepImages: boolean;
  config: string | null;
  githubToken: string | null;
  /** The AI review (`ai-review: true`), else null. */
  ai: AiSettings | null;
  /** `mode` (export, plan, apply) and its safety switches. */
  restore: RestoreInputs;
}

/** One message listing every invalid input, raised before any network call. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly problems: string[]) {
    super(`Invalid action inputs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads every declared input from the runner's INPUT_* variables (the only core.getInput caller). */
export function readRawInputs(): RawInputs {
  const raw = {} as RawInputs;
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return raw;
}

/** The token inputs in every form they may be echoed in (`Bot abc...` and bare), to mask before anything is logged. */
export function secretInputs(raw: Pick<RawInputs, 'discord-token' | 'github-token'> & Partial<Pick<RawInputs, 'ai-token'>>): string[] {
  return [raw['discord-token'], raw['github-token'], raw['ai-token']].map((s) => (s ?? '').trim()).filter(Boolean).flatMap(secretForms);
}

/** Whether the action needs GitHub (commits, pull requests, issues) for these raw inputs. */
export interface InputContext {
  /** GITHUB_REPOSITORY is set (owner/repo). */
  hasRepository: boolean;
}

/** Validates and normalises raw inputs (pure): returns typed inputs or throws one InputError. */
export function parseInputs(raw: Partial<RawInputs>, context: InputContext): ActionInputs {
  const problems: string[] = [];
  const get = (name: InputName): string => (raw[name] ?? '').trim();
  const oneOf = <T extends string>(name: InputName, allowed: readonly T[], fallback: T): T => {
    const value = get(name) || fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(' | ')} (got "${value}").`);
    return fallback;
  };

  const demo = parseBoolean(get('demo'), 'demo', problems);
  const guildIds = [...new Set(get('guild-id').split(/[,\n]/).map((id) => id.trim()).filter(Boolean))];
  const guildId = guildIds[0] ?? null;
  if (guildId === null && !demo) problems.push('guild-id is required: the server id, 17-20 digits (Discord: right-click the server > Copy Server ID).');
  const tooMany = tooManyGuilds(guildIds.length, 'guild-id');
  if (tooMany) problems.push(tooMany);
  for (const id of guildIds) {
    if (!isSnowflake(id)) problems.push(`guild-id must be a Discord id of 17-20 digits (got "${String(id)}"); several ids are separated by commas or line breaks.`);
  }
  const discordToken = (raw['discord-token'] ?? '').trim() || null;
  if (!discordToken && !demo) problems.push('discord-token is required (a bot token, e.g. `${{ secrets.DISCORD_TOKEN }}`), or set `demo: true`.');

  const apiBase = get('api-base') || null;
  if (apiBase !== null && !/^https?:\/\/[^\s]+$/i.test(apiBase)) problems.push(`api-base must be an http(s) URL (got "${apiBase}").`);

  const snapshotDir = get('snapshot-dir').replace(/\/+$/, '') || null;
  if (snapshotDir !== null && !isSafeRelativePath(snapshotDir)) {
    problems.push(
      `snapshot-dir must be a folder inside the repository: no leading "/", no "." or ".." segment, no segment git or a file system reads as .git (.Git, ".git.", git~1, .git with invisible characters), no control characters or any of \\ : * ? " < > | (got ${JSON.stringify(snapshotDir)}).`,
    );
  }

  const commit = oneOf('commit', COMMIT_MODES, 'push');
  const branch = get('branch') || null;
  if (branch !== null && !isValidBranchName(branch)) problems.push(`branch is not a valid git branch name (got "${branch}").`);
  if (branch !== null && commit === 'pull-request' && guildIds.length > 1) {
    problems.push('branch cannot be set with several guild-ids in pull-request mode: each server keeps its own snapshot branch (discord-snapshots/<guild-id>). Leave branch empty.');
  }

  const healthThreshold = parseNumberInRange(get('health-threshold') || String(DEFAULT_HEALTH_THRESHOLD), 'health-threshold', 0, 100, false, problems);
  const onRegression = oneOf('on-regression', REGRESSION_ACTIONS, 'fail');
  const issueLabels = (get('issue-labels') || 'discord-health').split(/[,\n]/).map((l) => l.trim()).filter(Boolean);
  if (issueLabels.length === 0) problems.push('issue-labels must name at least one label (comma-separated).');
  const onEscalation = oneOf('on-escalation', ESCALATION_ACTIONS, 'none');
  const escalationLabels = (get('escalation-labels') || 'discord-escalation').split(/[,\n]/).map((l) => l.trim()).filter(Boolean);
  if (escalationLabels.length === 0) problems.push('escalation-labels must name at least one label (comma-separated).');
  const drop = get('max-score-drop');
  const maxScoreDrop = drop ? parseNumberInRange(drop, 'max-score-drop', 0, 100, false, problems) : null;

  const artifactName = get('artifact-name') || null;
  if (artifactName !== null && /["':<>|*?\r\n\\/]/.test(artifactName)) {
    problems.push(`artifact-name must not contain any of " : < > | * ? \\ / or quotes (got "${artifactName}").`);
  }
  const retention = get('artifact-retention-days');
  const artifactRetentionDays = retention ? parseNumberInRange(retention, 'artifact-retention-days', 1, 90, true, problems) : null;

  const members = oneOf('members', MEMBER_MODES, 'counts');
  const includeInviteCodes = parseBoolean(get('include-invite-codes'), 'include-invite-codes', problems);
  const keepImages = parseBoolean(get('keep-images'), 'keep-images', problems);
  const githubToken = (raw['github-token'] ?? '').trim() || null;
  const restore = parseRestoreInputs((name) => raw[name] ?? '', problems);
  // A plan reads the snapshot from the repository and comments on the pull request; an apply reads the push.
  if (restore.mode !== 'export' && !githubToken) {
    problems.push(`github-token is required for mode: ${restore.mode} (default \`\${{ github.token }}\`): the snapshot is read from the repository through GitHub's API.`);
  }
  const needsGitHub = commit !== 'none' || onRegression === 'issue' || onRegression === 'fail-and-issue'
    || onEscalation === 'issue' || onEscalation === 'fail-and-issue';
  if (needsGitHub && !githubToken && restore.mode === 'export') {
    problems.push(`github-token is required for commit: ${commit} / on-regression: ${onRegression} (default \`\${{ github.token }}\`), or set commit: none and on-regression: fail | none.`);
  }
  if ((needsGitHub || restore.mode !== 'export') && !context.hasRepository) {
    problems.push('GITHUB_REPOSITORY is not set (not running in GitHub Actions): set commit: none and on-regression: fail | none for local runs.');
  }
  const ai = parseAiInputs((name) => raw[name] ?? '', githubToken, problems);

  if (problems.length) throw new InputError(problems);
  return {
    discordToken, guildId, guildIds, apiBase, demo, snapshotDir, commit, branch,
    commitMessage: get('commit-message') || DEFAULT_COMMIT_MESSAGE,
    healthThreshold, onRegression, issueLabels, onEscalation, escalationLabels, maxScoreDrop, artifactName, artifactRetentionDays, members, includeInviteCodes, keepImages,
    config: get('config') || null, githubToken, ai, restore,
  };
}

/** YAML 1.2 core booleans, as @actions/core accepts them; empty means false. */
function parseBoolean(value: string, name: string, problems: string[]): boolean {
  if (value === '' || ['false', 'False', 'FALSE'].includes(value)) return false;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  problems.push(`${name} must be true or false (got "${value}").`);
  return false;
}

function parseNumberInRange(value: string, name: string, min: number, max: number, integer: boolean, problems: string[]): number {
  const n = Number(value);
  const ok = /^\d+(\.\d+)?$/.test(value) && n >= min && n <= max && (!integer || Number.isInteger(n));
  if (!ok) problems.push(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${value}").`);
  return ok ? n : min;
}

/** Control characters (C0, DEL, C1) and the characters Windows forbids in file names (a checkout there would fail). */
const FORBIDDEN_IN_PATH = /[\u0000-\u001f\u007f-\u009f<>:"|?*\\]/;
/** Code points file systems and git ignore when comparing names (zero-width characters, bidi marks, BOM...). */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * True when a path segment names git's own directory on some file system: `.git` case-folded (Windows, macOS),
 * with ignorable code points removed (HFS+), with trailing dots or spaces (NTFS drops them), or its NTFS short
 * name `git~1` (any `git~N`).
 */
export function isGitDirAlias(segment: string): boolean {
  const folded = segment.normalize('NFKC').replace(IGNORABLE, '').replace(/[. ]+$/, '').toLowerCase();
  return folded === '.git' || /^git~\d+$/.test(folded);
}

/**
 * A repository-relative POSIX path that cannot escape the repository, write into git's own directory on any file
 * system, or carry characters that break a checkout.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.startsWith('/') || FORBIDDEN_IN_PATH.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !isGitDirAlias(segment));
}

/** The subset of git's ref-name rules that matter for a branch input. */
export function isValidBranchName(name: string): boolean {
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.endsWith('.lock')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{') || name === '@') return false;
  return !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(name);
}
