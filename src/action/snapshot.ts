import type { GuildExport } from '../schema/types.js';
import { renderSnapshotJson } from '../writers/snapshot-json.js';
import { renderSnapshotMarkdown } from '../writers/markdown.js';
import { normalizeExport } from '../diff/index.js';
import type { FileToCommit } from '../github/git-data.js';
import type { GitHubClient } from '../github/client.js';
import { readTextFile } from '../github/repository.js';
import { titleLine } from '../text/escape.js';

export interface SnapshotFiles {
  files: FileToCommit[];
  /** The snapshot.json as committed, parsed back: what the next run compares against. */
  snapshot: GuildExport;
}

/**
 * snapshot.md and the privacy-filtered snapshot.json for the snapshot dir. Invite codes only with the explicit
 * opt-in, whether the repository is public or private: it can be made public later, and history keeps them.
 */
export function buildSnapshotFiles(exp: GuildExport, dir: string, options: { includeInviteCodes: boolean }): SnapshotFiles {
  const json = renderSnapshotJson(exp, { includeMemberIds: false, includeInviteCodes: options.includeInviteCodes });
  return {
    files: [
      { path: `${dir}/snapshot.md`, content: renderSnapshotMarkdown(exp) },
      { path: `${dir}/snapshot.json`, content: json },
    ],
    snapshot: normalizeExport(JSON.parse(json), 'the new snapshot.json'),
  };
}

export type PreviousSnapshot =
  | { status: 'found'; snapshot: GuildExport; score: number | null; /** The file as committed. */ text: string }
  | { status: 'missing' }
  | { status: 'unreadable'; reason: string };

/** The snapshot.json committed on `ref` by an earlier run, parsed; missing and unreadable are values, not errors. */
export async function readPreviousSnapshot(client: GitHubClient, dir: string, ref: string): Promise<PreviousSnapshot> {
  const text = await readTextFile(client, `${dir}/snapshot.json`, ref);
  if (text === null) return { status: 'missing' };
  return parsePreviousSnapshot(text, `${dir}/snapshot.json on ${ref}`);
}

/** Parses a committed snapshot.json; an unreadable one is reported, not thrown (the next commit replaces it). */
export function parsePreviousSnapshot(text: string, label: string): PreviousSnapshot {
  try {
    const snapshot = normalizeExport(JSON.parse(text), label);
    const score = snapshot.summary?.health_score;
    return { status: 'found', snapshot, score: typeof score === 'number' ? score : null, text };
  } catch (err) {
    return { status: 'unreadable', reason: `${label} could not be read (${err instanceof Error ? err.message : String(err)}); it will be replaced.` };
  }
}

/** The snapshot dir with `{guild-id}` style defaults resolved. */
export function snapshotDirFor(input: string | null, guildId: string): string {
  return input ?? `discord-snapshots/${guildId}`;
}

/**
 * The commit message: the template with {guild-name} / {guild-id} / {score} filled in, then a body. The subject is
 * one line (see titleLine), so a server name cannot end it early, start the body or a trailer, or mention anyone.
 */
export function commitMessage(template: string, values: { guildName: string; guildId: string; score: string }, body: string): string {
  const subject = titleLine(template
    .replaceAll('{guild-name}', titleLine(values.guildName, 200))
    .replaceAll('{guild-id}', titleLine(values.guildId, 40))
    .replaceAll('{score}', values.score), 500) || 'Discord snapshot';
  return body.trim() ? `${subject}\n\n${body.trim()}\n` : `${subject}\n`;
}

/**
 * Collectors that worked in the previous snapshot but failed now. Committing then would record a transient
 * failure as "everything removed" (and the next run as "everything added"), so the commit waits for a clean run.
 * A collector that keeps failing (a missing permission) does not block: both snapshots lack the same data.
 */
export function newlyFailedCollectors(current: GuildExport, previous: GuildExport | null): string[] {
  if (!previous) return [];
  const before = previous.meta?.collectors ?? {};
  return Object.entries(current.meta.collectors)
    .filter(([name, record]) => (record.status === 'failed' || record.status === 'partial') && before[name]?.status === 'ok')
    .map(([name]) => name)
    .sort();
}
