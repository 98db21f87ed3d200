import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreChart } from '../trend/chart.js';
import { findExports, historyFromExports } from '../trend/from-exports.js';
import { GitHistoryError, historyFromGit, insideGitWorkTree } from '../trend/from-git.js';
import { parseHistory, type HistoryEntry } from '../trend/history.js';
import { EXIT, InputError } from './exit-codes.js';

const USAGE = `Usage: discord-server-exporter trend <dir | history.json> [--json | --mermaid]
       discord-server-exporter trend --git <range> <snapshot dir> [--json | --mermaid]
  Prints a guild's health score over time. <dir> is read as the first of these that fits:
    - a snapshot folder with the history.json the Action commits beside the snapshot;
    - a folder of CLI exports: export.json in it, files named *export.json, or subfolders each holding an
      export.json (dated by each export's meta.exported_at; only the part before the member list is read);
    - a folder holding snapshot.json inside a git work tree: every commit of that snapshot.json, dated by the
      commit.
  --git <range> reads the commits of <snapshot dir>/snapshot.json in a git range of the current repository
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
    entries = values.git === undefined ? readPath(resolve(cwd, positionals[0]!), io) : fromGit(values.git, `${positionals[0]!.replace(/\/+$/, '')}/snapshot.json`, cwd);
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

/** A history.json file, or a folder read as the usage says: history.json, then exports, then git commits. */
function readPath(path: string, io: TrendIo): HistoryEntry[] {
  if (!isDirectory(path)) return readHistory(path);
  const history = join(path, 'history.json');
  if (exists(history)) return readHistory(history);
  const exports = findExports(path);
  if (exports.length > 0) {
    const { entries, skipped } = historyFromExports(exports);
    for (const file of skipped) io.stderr(`Skipped ${file}.\n`);
    return entries;
  }
  if (exists(join(path, 'snapshot.json')) && insideGitWorkTree(path)) return fromGit('HEAD', 'snapshot.json', path);
  throw new InputError(`${path} holds no history.json, no export.json and no snapshot.json in a git work tree. ` +
    'Give a snapshot folder the Action committed, a folder of exports, or a snapshot folder in a git repository.');
}

function readHistory(file: string): HistoryEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'}). Give a snapshot folder the Action committed, a folder of exports, or use --git <range> <snapshot dir>.`, { cause: err });
  }
  return parseHistory(text);
}

function fromGit(range: string, file: string, cwd: string): HistoryEntry[] {
  try {
    return historyFromGit(range, file, cwd);
  } catch (err) {
    if (!(err instanceof GitHistoryError)) throw err;
    throw new InputError(`git log ${range} failed${err.detail ? ` (${err.detail})` : ''}: run this inside the repository that holds the snapshots.`, { cause: err });
  }
}

function renderText(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return 'No history yet.\n';
  return entries
    .map((e) => `${e.date.slice(0, 10)}  ${e.score === null ? '  n/a' : String(Math.round(e.score * 10) / 10).padStart(5)}  ${e.failing.length === 0 ? '-' : e.failing.join(', ')}\n`)
    .join('');
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
