import { readFile } from 'node:fs/promises';
import { diffExports, renderDiffMarkdown, normalizeExport, DiffInputError } from '../diff/index.js';
import type { GuildExport } from '../schema/types.js';
import { checkSchemaVersion, EXIT_NEWER_SCHEMA, NewerSchemaError } from '../schema/version.js';

const USAGE = 'Usage: discord-server-exporter diff <old.json> <new.json> [--json]\n' +
  '  Compares two export.json or snapshot.json files and prints what changed, most dangerous first.\n' +
  '  --json   print the changes as JSON instead of Markdown\n' +
  '  Sections either file did not collect are named, not compared. Exit 65: a file from a newer major schema.\n';

interface DiffIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

async function load(path: string, warn: (line: string) => void): Promise<GuildExport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new DiffInputError(`Cannot read ${path} (${code}). Check the path and that the file is readable.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DiffInputError(`${path} is not valid JSON (${(err as Error).message}). ` +
      'Pass an export.json or snapshot.json written by discord-server-exporter.');
  }
  const warning = checkSchemaVersion(parsed, path);
  if (warning) warn(warning);
  return normalizeExport(parsed, path);
}

/** `diff <old.json> <new.json> [--json]` (argv = the arguments after "diff"); returns the exit code. */
export async function runDiffCommand(argv: string[], io: DiffIo): Promise<number> {
  const args = argv[0] === 'diff' && argv.filter((a) => !a.startsWith('-')).length === 3 ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length !== 2) {
    const why = unknown.length > 0 ? `Unknown option ${unknown[0]}.` : `Expected two files, got ${files.length}.`;
    io.stderr(`${why}\n${USAGE}`);
    return 2;
  }
  try {
    const warn = (line: string) => io.stderr(`${line}\n`);
    const [before, after] = await Promise.all([load(files[0], warn), load(files[1], warn)]);
    const guildBefore = before.server?.id ?? before.meta?.scope?.guild_id;
    const guildAfter = after.server?.id ?? after.meta?.scope?.guild_id;
    if (guildBefore && guildAfter && guildBefore !== guildAfter) {
      io.stderr(`Warning: ${files[0]} is guild ${guildBefore} but ${files[1]} is guild ${guildAfter}; ` +
        'every item will show as removed and added. Compare two exports of the same server.\n');
    }
    const diff = diffExports(before, after);
    io.stdout(args.includes('--json') ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiffMarkdown(diff)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof NewerSchemaError) {
      io.stderr(`${err.message}\n`);
      return EXIT_NEWER_SCHEMA;
    }
    if (err instanceof DiffInputError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
