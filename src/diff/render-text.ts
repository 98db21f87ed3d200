import type { DiffResult } from './types.js';
import { NO_CHANGES, NO_CHANGES_COMPARED, countLine, coverageNotes, plainBlocks } from './render.js';

/**
 * The whole diff as plain text for a terminal (the diff command's default): the count line, what could not be
 * compared, then the escalations and the other changes under their own headings. Nothing is cut: a terminal
 * reader asked for the full list. Names go through the same one-line cleaning as the commit body.
 */
export function renderDiffText(diff: DiffResult): string {
  const notes = coverageNotes(diff);
  const tail = notes.length ? ['', ...notes] : [];
  if (diff.changes.length === 0) return [notes.length ? NO_CHANGES_COMPARED : NO_CHANGES, ...tail].join('\n');
  const blocks = plainBlocks(diff);
  const escalations = blocks.filter((_, i) => diff.changes[i]!.escalation).flat();
  const others = blocks.filter((_, i) => !diff.changes[i]!.escalation).flat();
  const lines = [countLine(diff), ...tail];
  if (escalations.length) lines.push('', 'Escalations (access widened or protection lowered):', ...escalations);
  if (others.length) lines.push('', 'Other changes:', ...others);
  return lines.join('\n');
}
