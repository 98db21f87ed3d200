/**
 * One escaping rule per kind of sink. Outside text (server, channel and role names, topics, Discord's error
 * messages, a model's answer) goes through the function for the sink it lands in, never raw.
 */

/** ANSI CSI/OSC sequences and the other escape sequences a terminal acts on. */
export const TERMINAL_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
/** C0 and C1 control characters (tab, newlines included) and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Bidirectional overrides and isolates (they reorder what a reader sees), and invisible characters that hide or
 * join words. The zero-width joiner (U+200D) stays: emoji sequences need it.
 */
export const INVISIBLE = /[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/** Cuts text to at most `max` characters (code points), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * One line of plain text: terminal sequences and invisible characters removed, any line break or control character
 * made a space, runs of spaces folded, cut to `max` characters. For terminal output, titles and commit subjects.
 */
export function oneLine(text: string, max = 256): string {
  const flat = String(text)
    .replace(TERMINAL_SEQUENCE, '')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/[\u2028\u2029\u0085]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return truncate(flat, max);
}

/**
 * A line for a GitHub Actions log: one line (see oneLine) that the runner cannot read as a workflow command
 * (`::error::`, `::stop-commands::`, the older `##[error]`), wherever the outside text sits in it.
 */
export function logLine(text: string, max = 2000): string {
  return oneLine(text, max).replace(/::/g, ':\u200b:').replace(/##\[/g, '#\u200b#[');
}

/**
 * GitHub turns "@name" into a mention (it notifies that user or team) and "#123" into a link that also shows up in
 * issue 123's timeline. A zero-width space after the sigil keeps the text readable and inert. For text GitHub posts
 * (titles, issue and PR bodies, comments, commit messages), never for committed files, where GitHub flags hidden
 * characters and nothing notifies anyway.
 */
export function inertMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b').replace(/#(?=\d)/g, '#\u200b');
}

/** An issue or pull request title, or a commit subject: one line (see oneLine) with mentions and references inert. */
export function titleLine(text: string, max = 256): string {
  return inertMentions(oneLine(text, max));
}

/**
 * Characters that open Markdown or HTML inline constructs: escaped wherever they stand. A tilde only strikes text
 * through (it cannot link, embed or notify), so it stays as it is inside a line: "~1,400" reads as written.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|$]/g;

/**
 * One line of outside text made inert as Markdown inline content: no emphasis, code, links, images, HTML, table
 * pipes, entities or autolinks; what a reader sees is the text itself. Escaping only what can act keeps names
 * like "mod-logs" or "v1.2" readable in committed files.
 */
function inline(text: string, max: number): string {
  return oneLine(text, max)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/(www)\./gi, '$1\\.');
}

/**
 * Markdown text (a paragraph, a list item, bold text): inline-safe (see inline), and it cannot start a block
 * (heading, list, quote, rule, setext underline, code fence) even where the sink puts it at the start of a line.
 * The default cut, 4,096 characters, is Discord's longest text (a forum's guidelines).
 */
export function mdText(text: string, max = 4096): string {
  return inline(text, max).replace(/^(\d{1,9})([.)])/, '$1\\$2').replace(/^[#+\-=~]/, '\\$&');
}

/** A Markdown table cell: inline-safe with pipes escaped; `empty` (trusted) for a blank value. */
export function mdCell(value: string | number | boolean | null | undefined, empty = '-', max = 4096): string {
  if (value === null || value === undefined) return empty;
  return inline(String(value), max) || empty;
}

/** A Markdown heading's text (after "## "): inline-safe, and no trailing "#" that Markdown would drop as a closing sequence. */
export function mdHeading(text: string, empty: string, max = 256): string {
  const safe = inline(text, max).replace(/#+$/, (run) => run.replace(/#/g, '\\#'));
  return safe || empty;
}

/** The text of a Markdown link ("[text](url)"): inline-safe, so it cannot close the brackets or nest a link. */
export function mdLinkText(text: string, max = 256): string {
  return inline(text, max);
}

/**
 * A Markdown code span: the text verbatim (one line) inside a fence longer than any run of backticks in it.
 * Not for table cells: a pipe inside still ends the cell there.
 */
export function mdCode(text: string, max = 256): string {
  const flat = oneLine(text, max);
  if (!flat) return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side when the text starts or ends with a backtick; Markdown strips exactly one pair.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A code span inside a table cell. A pipe would end the cell even inside the span (and its escape is not reliable
 * next to a backslash), so text holding one is written as an escaped cell instead.
 */
export function mdCodeCell(text: string, max = 256): string {
  return oneLine(text, max).includes('|') ? mdCell(text, '-', max) : mdCode(text, max);
}
