import type { DiffChange, DiffResult } from './types.js';
import { SEVERITIES } from './types.js';
import { inertMentions, oneLine as flat } from '../text/escape.js';

export const NO_CHANGES = 'No configuration changes.';
/** When some sections could not be compared: "no change" holds only for those that were. */
export const NO_CHANGES_COMPARED = 'No configuration changes in the sections compared.';

/** Outside text on one line of a commit message or terminal: no control or invisible characters, no mentions. */
const oneLine = (s: string): string => inertMentions(flat(s, 1000));

/** "role Mods", "channel #general": how a change's subject reads in text. */
function subject(c: DiffChange): string {
  if (c.entity === 'channel' || c.entity === 'thread') return `${c.entity} #${c.name}`;
  if (c.entity === 'invite') return `invites to ${c.name}`;
  return `${c.entity} ${c.name}`;
}

/**
 * The count line every renderer starts with: the bracket breaks the changes down by severity (its numbers add up
 * to the total), and the escalations among them are counted on their own.
 */
export function countLine(diff: DiffResult): string {
  const n = diff.changes.length;
  const parts = SEVERITIES.filter((s) => (diff.counts[s] ?? 0) > 0).map((s) => `${diff.counts[s]} ${s}`);
  const esc = diff.escalations === 0 ? (n === 1 ? 'not an escalation' : 'none of them an escalation')
    : diff.escalations === n ? (n === 1 ? 'an escalation' : `all ${n} escalations`)
    : `${diff.escalations} of them ${diff.escalations === 1 ? 'an escalation' : 'escalations'}`;
  return `${n} configuration ${n === 1 ? 'change' : 'changes'} (${parts.join(', ')}), ${esc}`;
}

/** Changes as plain text blocks (first line, then indented details), for commit messages and terminals. */
export function plainBlocks(diff: DiffResult): string[][] {
  return diff.changes.map((c) => [
    `${c.escalation ? '!' : '-'} [${c.severity}] ${oneLine(subject(c))}: ${oneLine(c.summary)}`,
    ...(c.details ?? []).map((d) => `    ${oneLine(d)}`),
  ]);
}

/** Keeps whole blocks while they fit in `maxLines`, leaving `reserve` lines for the "more" notice. */
export function fitBlocks(blocks: string[][], maxLines: number | undefined, used: number, reserve = 1):
  { lines: string[]; omitted: number } {
  const all = blocks.flat();
  if (maxLines === undefined || used + all.length <= maxLines) return { lines: all, omitted: 0 };
  const lines: string[] = [];
  let kept = 0;
  for (const block of blocks) {
    if (used + lines.length + block.length > maxLines - reserve) break;
    lines.push(...block);
    kept++;
  }
  return { lines, omitted: blocks.length - kept };
}

/** Sections the diff could not compare (or compared in part), one plain line each; empty when all were compared. */
export function coverageNotes(diff: DiffResult): string[] {
  return [
    ...(diff.not_compared ?? []).map((n) => `Not compared: ${oneLine(n.label)} (${oneLine(n.reason)}); changes there are unknown.`),
    ...(diff.partly_compared ?? []).map((n) => `Compared in part: ${oneLine(n.label)} (${oneLine(n.reason)}).`),
  ];
}

/** The diff as plain text for a commit message body; `maxLines` (default 50) caps its length. */
export function renderDiffCommitBody(diff: DiffResult, maxLines = 50): string {
  // What could not be compared is said first, and never cut: "no change" there would be a guess.
  const notes = coverageNotes(diff);
  const tail = notes.length ? ['', ...notes] : [];
  if (diff.changes.length === 0) return [notes.length ? NO_CHANGES_COMPARED : NO_CHANGES, ...tail].join('\n');
  const head = [countLine(diff), ...tail, ''];
  const { lines, omitted } = fitBlocks(plainBlocks(diff), maxLines, head.length);
  if (omitted > 0) lines.push(`... and ${omitted} more (run the diff command for the full list)`);
  return [...head, ...lines].join('\n');
}
