/**
 * A model's answer is untrusted text that lands in Markdown sinks GitHub renders (job summary, issues, pull
 * requests, ai-review.md) and may be printed into a runner's log (`cat ai-review.md`). This module makes it inert
 * there: no mentions that notify, no workflow commands, no HTML, no links to hosts other than Discord and GitHub,
 * no headings that pass for the report's own, a bounded length.
 */

import { INVISIBLE, TERMINAL_SEQUENCE } from '../text/escape.js';

/** Hosts (and their subdomains) whose links are kept: Discord's settings help and GitHub's docs. */
const ALLOWED_HOSTS = ['discord.com', 'github.com'];
/** The answer's longest form, in characters: it must fit an issue comment (65,536) beside the report around it. */
export const MAX_ANSWER_CHARS = 12_000;

/** Control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Zero-width space: splits a token so nothing acts on it while it reads the same. */
const ZWSP = '\u200b';

export interface SanitizedAnswer {
  markdown: string;
  /** True when the answer was longer than MAX_ANSWER_CHARS and was cut. */
  cut: boolean;
}

/** The model's Markdown made safe for GitHub's Markdown sinks and the runner's log (see the module comment). */
export function sanitizeAnswer(answer: string, maxChars = MAX_ANSWER_CHARS): SanitizedAnswer {
  const text = String(answer)
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(TERMINAL_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '');
  const { text: capped, cut } = capLength(text.trim(), maxChars);
  const lines: string[] = [];
  let fence: { char: string; length: number } | null = null;
  for (const line of capped.split('\n')) {
    const opener = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (opener && opener[1][0] === fence.char && opener[1].length >= fence.length && opener[2].trim() === '') fence = null;
      lines.push(neutralizeLine(line, true));
      continue;
    }
    // A backtick fence's info string cannot hold a backtick (CommonMark): such a line is no fence.
    if (opener && !(opener[1][0] === '`' && opener[2].includes('`'))) {
      fence = { char: opener[1][0], length: opener[1].length };
      lines.push(neutralizeLine(line, true));
      continue;
    }
    lines.push(neutralizeLine(line, false));
  }
  // An unclosed fence would swallow whatever the report puts after the answer.
  if (fence) lines.push(fence.char.repeat(fence.length));
  return { markdown: lines.join('\n'), cut };
}

/** One line: code (inside a fence) keeps its `<` and links, which GitHub shows as text there. */
function neutralizeLine(line: string, inCode: boolean): string {
  let out = line;
  if (!inCode) {
    out = out.replace(/</g, '&lt;');
    // Headings from level 1 and 2 become level 3: the report's own headings stay the outline.
    out = out.replace(/^( {0,3})#{1,2}(?=\s|$)/, '$1###');
    // A line of "=" under text makes it a level-1 heading too (setext): show it as text.
    out = out.replace(/^( {0,3})(?==+\s*$)/, '$1\\');
    // Reference-style link definitions ("[x]: https://...") would make "[x]" a link elsewhere: show them as text.
    out = out.replace(/^( {0,3})\[(?=[^\]]*\]:)/, '$1\\[');
    out = neutralizeLinks(out);
  } else {
    out = defangUrls(out);
  }
  // Mentions: "@everyone", "@user", "@org/team" would notify on GitHub.
  out = out.replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`);
  // Workflow commands ("::error::", "::stop-commands::", the older "##[error]") are read at a line's start.
  out = out.replace(/^(\s*)(::|##\[)/, (_m, space: string, cmd: string) => `${space}${cmd[0]}${ZWSP}${cmd.slice(1)}`);
  return out;
}

/** Inline links and images to other hosts lose their link (the text stays); bare URLs to other hosts are defanged. */
function neutralizeLinks(line: string): string {
  const link = /(!?)\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g;
  // Outside the links kept, whatever "](" is left (odd nesting) is split so it cannot form a link any more.
  const plain = (text: string): string => defangUrls(text.replace(/\]\(/g, `]${ZWSP}(`));
  let out = '';
  let last = 0;
  for (const m of line.matchAll(link)) {
    const [whole, bang, text, url] = m;
    const start = m.index ?? 0;
    out += plain(line.slice(last, start));
    last = start + whole.length;
    if (allowedUrl(url)) out += whole;
    else out += plain(`${bang ? 'image: ' : ''}${text.trim() || 'link'} (link removed: ${describeHost(url)})`);
  }
  return out + plain(line.slice(last));
}

/** `https://evil.example/x` -> `hxxps://evil[.]example/x` (no autolink); Discord and GitHub URLs are kept. */
function defangUrls(line: string): string {
  return line.replace(/\b((?:https?|ftp):\/\/|www\.)[^\s<>"'`)\]]*/gi, (url) => {
    if (allowedUrl(url)) return url;
    return url.replace(/http/gi, 'hxxp').replace(/ftp:/gi, 'fxp:').replace(/\./g, '[.]');
  });
}

function allowedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return ALLOWED_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

function describeHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/\./g, '[.]') || 'not a web address';
  } catch {
    return 'not a web address';
  }
}

/** Cuts at a line boundary when one is near, and says so. */
function capLength(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let end = text.lastIndexOf('\n', max);
  if (end < max * 0.8) end = max;
  // Never split a surrogate pair.
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end -= 1;
  return { text: `${text.slice(0, end).trimEnd()}\n\n…`, cut: true };
}
