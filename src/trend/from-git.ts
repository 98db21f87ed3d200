import { execFileSync } from 'node:child_process';
import { historyEntry } from './from-export.js';
import { appendHistory, HISTORY_LIMIT, type HistoryEntry } from './history.js';

/** A git failure the caller turns into its own message; `detail` is git's first line of stderr. */
export class GitHistoryError extends Error {
  constructor(readonly detail: string, options?: { cause?: unknown }) {
    super(detail, options);
    this.name = 'GitHistoryError';
  }
}

function git(args: string[], cwd: string): string {
  // execFile with an argument list: no shell reads the range or the path.
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** True when `dir` is inside a git work tree (and git is installed). */
export function insideGitWorkTree(dir: string): boolean {
  try {
    return git(['rev-parse', '--is-inside-work-tree'], dir).trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * The score history of `file` (a snapshot.json path, relative to `cwd`) over the commits of `range` that changed it:
 * one entry per commit, dated by the commit (a committed snapshot's own date is fixed so that an unchanged server
 * makes no commit), scored by its summary.health_score. A commit where the file is missing or not JSON is no point.
 */
export function historyFromGit(range: string, file: string, cwd: string): HistoryEntry[] {
  if (range.startsWith('-')) throw new GitHistoryError(`"${range}" is not a git range`);
  let log: string[];
  try {
    log = git(['log', `--max-count=${HISTORY_LIMIT}`, '--format=%H %cI', range, '--', file], cwd).split('\n').filter(Boolean);
  } catch (err) {
    const output = (err as { stderr?: unknown }).stderr;
    throw new GitHistoryError((typeof output === 'string' ? output : '').trim().split('\n')[0] ?? '', { cause: err });
  }
  let entries: HistoryEntry[] = [];
  for (const line of log) {
    const [sha, date] = line.split(' ');
    let snapshot: { summary?: { health_score?: unknown; issues_found?: unknown } | null };
    try {
      // "<sha>:./path" reads the path relative to cwd, as the log's pathspec was.
      snapshot = JSON.parse(git(['show', `${sha}:./${file}`], cwd)) as typeof snapshot;
    } catch {
      continue;
    }
    const entry = historyEntry({ meta: { exported_at: date }, summary: snapshot?.summary ?? null });
    if (entry) entries = appendHistory(entries, entry);
  }
  return entries;
}
