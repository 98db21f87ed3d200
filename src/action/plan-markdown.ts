import { mdCode, mdText } from '../text/escape.js';

/**
 * A plan as Markdown for a pull request comment or the job summary: the same lines `plan` prints, in a `diff` block
 * so GitHub colours creates and deletes. The block's fence is longer than any run of backticks inside, so a name
 * holding backticks cannot close it early.
 */
export function planMarkdown(guildId: string, title: string, planText: string): string {
  const lines = planText.trimEnd().split('\n').map((line) => line.replace(/^ {2}([+~!-]) /, '$1 '));
  return [`### ${mdText(title)} (${mdCode(guildId)})`, '', codeBlock(lines, 'diff'), ''].join('\n');
}

/** A fenced code block whose fence is longer than any run of backticks in its lines. */
export function codeBlock(lines: string[], lang = ''): string {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, ...lines, fence].join('\n');
}

/** A restore error's JSON path ("roles[3].permission_names[0]" or "/roles/3") as a JSON pointer, for its line. */
export function pointerOf(path: string): string {
  if (path.startsWith('/')) return path;
  return `/${path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).join('/')}`;
}

/** The JSON paths a message names (the first few), in either notation. */
export function pathsIn(message: string): string[] {
  const sections = 'meta|server|roles|channels|automod|welcome_screen|onboarding|members|emojis|stickers';
  const pattern = new RegExp(`(?:^|[\\s:(]|\\$\\.)((?:\\/[\\w~.-]+)+|(?:${sections})(?:\\[\\d+\\]|\\.[a-z_]+)+)`, 'g');
  const found = [...message.matchAll(pattern)].map((m) => m[1]);
  return [...new Set(found)].slice(0, 10);
}
