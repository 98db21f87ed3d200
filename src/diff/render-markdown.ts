import type { DiffChange, DiffResult } from './types.js';
import { NO_CHANGES, NO_CHANGES_COMPARED, countLine, fitBlocks } from './render.js';
import { inertMentions, mdText } from '../text/escape.js';

// Names come from the Discord server and this text goes to GitHub (job summary, PR body, issue comments): inert
// Markdown, and "@name" / "#123" broken so GitHub neither notifies a user who shares a role's name nor links an issue.
function md(text: string): string {
  return inertMentions(mdText(text));
}

function subject(c: DiffChange): string {
  const name = md(c.name);
  if (c.entity === 'channel' || c.entity === 'thread') return `${c.entity} **#${name}**`;
  if (c.entity === 'invite') return `invites to **${name}**`;
  return `${c.entity} **${name}**`;
}

function block(c: DiffChange): string[] {
  return [
    `- \`${c.severity}\` ${subject(c)}: ${md(c.summary)}`,
    ...(c.details ?? []).map((d) => `  - ${md(d)}`),
  ];
}

/** The diff as GitHub Markdown (job summary, PR body): escalations first; `maxLines` caps its length. */
export function renderDiffMarkdown(diff: DiffResult, options: { maxLines?: number } = {}): string {
  // What could not be compared is said first, and never cut: "no change" there would be a guess.
  const notes = [
    ...(diff.not_compared ?? []).map((n) => `- **Not compared:** ${md(n.label)} (${md(n.reason)}); changes there are unknown.`),
    ...(diff.partly_compared ?? []).map((n) => `- **Compared in part:** ${md(n.label)} (${md(n.reason)}).`),
  ];
  const tail = notes.length ? ['', ...notes] : [];
  if (diff.changes.length === 0) return [notes.length ? NO_CHANGES_COMPARED : NO_CHANGES, ...tail].join('\n');
  const escalations = diff.changes.filter((c) => c.escalation);
  const others = diff.changes.filter((c) => !c.escalation);
  const head = [`**${countLine(diff)}**`, ...tail, ''];
  const sections: string[][] = [];
  // Section headings travel with their first change so a truncated output never ends on a bare heading.
  escalations.forEach((c, i) => sections.push([...(i === 0 ? ['#### Escalations', ''] : []), ...block(c)]));
  others.forEach((c, i) => sections.push([
    ...(i === 0 ? [...(escalations.length > 0 ? [''] : []), '#### Other changes', ''] : []),
    ...block(c),
  ]));
  const { lines, omitted } = fitBlocks(sections, options.maxLines, head.length, 2);
  if (omitted > 0) lines.push('', `_...and ${omitted} more ${omitted === 1 ? 'change' : 'changes'} not shown._`);
  return [...head, ...lines].join('\n');
}
