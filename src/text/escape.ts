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
