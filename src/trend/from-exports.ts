import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { historyEntry } from './from-export.js';
import { appendHistory, type HistoryEntry } from './history.js';

/** Where export.json's members array starts: a top-level key, at the writer's two-space indent (see writers/json). */
const MEMBERS_KEY = '\n  "members":';
/** The most read from one file before the members: the rest of an export is small beside a member list. */
const HEAD_LIMIT = 64 * 1024 * 1024;
const CHUNK = 256 * 1024;

/** The export.json files of a folder of CLI exports: `<dir>/export.json`, `<dir>/*export.json`, `<dir>/<sub>/export.json`. */
export function findExports(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (name.endsWith('export.json') && isFile(path)) files.push(path);
    else if (isFile(join(path, 'export.json'))) files.push(join(path, 'export.json'));
  }
  return files;
}

/**
 * The score history of a folder of exports: one entry per export, dated by its meta.exported_at. Only the part
 * before the members is read (an export of a large server is mostly its member list); a file that is not an
 * export is named in `skipped` with the reason, and the others still count.
 */
export function historyFromExports(files: readonly string[]): { entries: HistoryEntry[]; skipped: string[] } {
  let entries: HistoryEntry[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    let entry: HistoryEntry | null;
    try {
      entry = historyEntry(JSON.parse(readHead(file)) as Parameters<typeof historyEntry>[0]);
    } catch (err) {
      skipped.push(`${file} (${(err as Error).message})`);
      continue;
    }
    if (entry) entries = appendHistory(entries, entry, Number.MAX_SAFE_INTEGER);
    else skipped.push(`${file} (no meta.exported_at)`);
  }
  return { entries, skipped };
}

/** The export's JSON up to its members array, closed into a whole object; the whole text of a file without one. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    // A character split between two reads is joined, not turned into two replacement characters.
    const decoder = new StringDecoder('utf8');
    let text = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) return text + decoder.end();
      // Searching from just before the new chunk finds a key split between two reads.
      const from = Math.max(0, text.length - MEMBERS_KEY.length);
      text += decoder.write(buffer.subarray(0, n));
      const at = text.indexOf(MEMBERS_KEY, from);
      if (at !== -1) return `${text.slice(0, at).replace(/,\s*$/, '')}\n}`;
      if (text.length > HEAD_LIMIT) throw new Error(`more than ${HEAD_LIMIT / 1024 / 1024} MiB before its member list: not an export.json written by this tool`);
    }
  } finally {
    closeSync(fd);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
