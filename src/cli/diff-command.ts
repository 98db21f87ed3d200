import { diffExports, renderDiffMarkdown, normalizeExport, DiffInputError } from '../diff/index.js';
import type { GuildExport } from '../schema/types.js';
import { readExportFile } from '../schema/read-export.js';
import { ConfigError } from '../config/validate.js';
import { oneLine } from '../text/escape.js';
import { HELP_OPTION, parseCommand } from './parse.js';
import { EXIT, InputError } from './exit-codes.js';
import { forTerminal } from './terminal.js';

export const DIFF_HELP = `Usage: discord-server-exporter diff <old.json> <new.json> [--json]

Compares two export.json or snapshot.json files and prints what changed, most dangerous first.

  --json       print the changes as JSON instead of Markdown
  --help, -h   this help

Sections either file did not collect are named, not compared.

Exit status: 0 compared, 64 bad usage, 65 a file from a newer major schema, 66 a file is missing, unreadable or
not an export.`;

interface DiffIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** One input: read and checked as every command reads an export (see readExportFile), then put in diff form. */
async function load(path: string, warn: (line: string) => void): Promise<GuildExport> {
  const exp = await readExportFile(path, warn);
  try {
    return normalizeExport(exp, path);
  } catch (err) {
    if (err instanceof DiffInputError) throw new InputError(err.message);
    throw err;
  }
}

/** `diff <old.json> <new.json> [--json]` (argv = the arguments after "diff"); returns the exit code. */
export async function runDiffCommand(argv: string[], io: DiffIo): Promise<number> {
  const { values, positionals } = parseCommand('diff', { args: argv, options: { ...HELP_OPTION, json: { type: 'boolean' } }, allowPositionals: true });
  if (values.help === true) {
    io.stdout(DIFF_HELP + '\n');
    return EXIT.ok;
  }
  // "diff diff a b" (the command word repeated, as some wrappers pass it) reads as "diff a b".
  const files = positionals.length === 3 && positionals[0] === 'diff' ? positionals.slice(1) : positionals;
  if (files.length !== 2) throw new ConfigError(`diff needs two files, got ${files.length}. Usage: discord-server-exporter diff <old.json> <new.json> [--json]`);
  const warn = (line: string) => io.stderr(`${line}\n`);
  const [before, after] = await Promise.all([load(files[0], warn), load(files[1], warn)]);
  const guildBefore = before.server?.id ?? before.meta?.scope?.guild_id;
  const guildAfter = after.server?.id ?? after.meta?.scope?.guild_id;
  if (guildBefore && guildAfter && guildBefore !== guildAfter) {
    io.stderr(`Warning: ${files[0]} is guild ${oneLine(String(guildBefore), 64)} but ${files[1]} is guild ${oneLine(String(guildAfter), 64)}; ` +
      'every item will show as removed and added. Compare two exports of the same server.\n');
  }
  const diff = diffExports(before, after);
  io.stdout(values.json === true ? `${JSON.stringify(diff, null, 2)}\n` : `${forTerminal(renderDiffMarkdown(diff))}\n`);
  return EXIT.ok;
}
