import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreChart } from '../trend/chart.js';
import { historyEntry } from '../trend/from-export.js';
import { appendHistory, HISTORY_LIMIT, parseHistory, type HistoryEntry } from '../trend/history.js';
import { EXIT, InputError } from './exit-codes.js';

const USAGE = `Usage: discord-server-exporter trend <snapshot dir | history.json> [--json | --mermaid]
       discord-server-exporter trend --git <range> <snapshot dir> [--json | --mermaid]
  Prints a guild's health score over time: from the history.json the Action commits beside the snapshot, or
  (--git) from every commit of <snapshot dir>/snapshot.json in a git range of the current repository
  (e.g. --git HEAD~100..HEAD discord-snapshots/123456789012345678).
  --json      the entries as JSON
  --mermaid   the chart as a Mermaid xychart (paste into Markdown on GitHub)
`;

interface TrendIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `trend ...` (argv = the arguments after "trend"); returns the exit code. */
export function runTrendCommand(argv: string[], io: TrendIo, cwd = process.cwd()): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { git: { type: 'string' }, json: { type: 'boolean' }, mermaid: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    io.stderr(`${(err as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || values.git === '' || (values.json && values.mermaid)) {
    io.stderr(`${positionals.length !== 1 ? `Expected one path, got ${positionals.length}.` : values.git === '' ? '--git needs a range.' : 'Choose --json or --mermaid, not both.'}\n${USAGE}`);
    return EXIT.usage;
  }
  let entries: HistoryEntry[];
  try {
    entries = values.git === undefined ? readHistory(resolve(cwd, positionals[0]!)) : historyFromGit(values.git, positionals[0]!, cwd);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr(`Error: ${err.message}\n`);
    return EXIT.input;
  }
  if (values.json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
  else if (values.mermaid) io.stdout(scoreChart(entries) ?? 'Fewer than two scored entries: no chart yet.\n');
  else io.stdout(renderText(entries));
  return EXIT.ok;
}

function readHistory(path: string): HistoryEntry[] {
  const file = isDirectory(path) ? join(path, 'history.json') : path;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'}). Give a snapshot folder the Action committed, or use --git <range> <snapshot dir>.`, { cause: err });
  }
  return parseHistory(text);
}

/** Rebuilds the history from the snapshot.json of every commit in `range` that changed it. */
function historyFromGit(range: string, dir: string, cwd: string): HistoryEntry[] {
  if (range.startsWith('-')) throw new InputError(`"${range}" is not a git range.`);
  const file = `${dir.replace(/\/+$/, '')}/snapshot.json`;
  let commits: string[];
  try {
    commits = execFileSync('git', ['log', `--max-count=${HISTORY_LIMIT}`, '--format=%H', range, '--', file], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')
      .filter(Boolean);
  } catch (err) {
    const output = (err as { stderr?: unknown }).stderr;
    const stderr = (typeof output === 'string' ? output : '').trim().split('\n')[0];
    throw new InputError(`git log ${range} failed${stderr ? ` (${stderr})` : ''}: run this inside the repository that holds the snapshots.`, { cause: err });
  }
  let entries: HistoryEntry[] = [];
  for (const sha of commits) {
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(execFileSync('git', ['show', `${sha}:${file}`], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      continue; // deleted or unreadable in that commit: not a point on the line
    }
    const entry = historyEntry(snapshot as Parameters<typeof historyEntry>[0]);
    if (entry) entries = appendHistory(entries, entry);
  }
  return entries;
}

function renderText(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return 'No history yet.\n';
  return entries
    .map((e) => `${e.date.slice(0, 10)}  ${e.score === null ? '  n/a' : String(Math.round(e.score * 10) / 10).padStart(5)}  ${e.failing.length === 0 ? '-' : e.failing.join(', ')}\n`)
    .join('');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
