/**
 * Multi-line text for a terminal (audit and diff reports hold channel and role names chosen by server members):
 * escape sequences (ANSI CSI, OSC hyperlinks and titles) and control characters other than the line break and tab
 * are removed, so a name cannot move the cursor, clear the screen or rewrite what was printed before it. Spacing
 * and line breaks the report itself makes are kept (oneLine, for single lines, folds them).
 */
const TERMINAL_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates: they reorder what the reader sees. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function forTerminal(text: string): string {
  return text.replace(TERMINAL_SEQUENCE, '').replace(CONTROL, '').replace(BIDI, '');
}
