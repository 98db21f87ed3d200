import { diffExports, renderDiffMarkdown, normalizeExport, DiffInputError } from '../diff/index.js';
import type { GuildExport } from '../schema/types.js';
import { readExportFile } from '../schema/read-export.js';
import { ConfigError } from '../config/validate.js';
import { oneLine } from '../text/escape.js';
import { HELP_OPTION, parseCommand } from './parse.js';
import { EXIT, InputError } from './exit-codes.js';
import { forTerminal } from './terminal.js';
import { renderDiffText } from '../diff/render-text.js';
import { SEVERITIES, type DiffResult } from '../diff/types.js';

export const DIFF_HELP = `Usage: discord-server-exporter diff <old.json> <new.json> [--markdown | --json] [--exit-code] [--fail-on LEVEL]

Compares two export.json or snapshot.json files and prints what changed, most dangerous first.

  --markdown        print the changes as GitHub Markdown (what the Action puts in job summaries and pull
                    requests) instead of plain text
  --json            print the changes as JSON instead of plain text
  --exit-code       exit 1 when anything changed, 0 when nothing did (like git diff --exit-code)
  --fail-on LEVEL   exit 1 when a change is at LEVEL or above: critical, high, medium, low; or any-escalation
                    (a change that widens access or lowers protection, whatever its severity)
  --help, -h        this help

The output is plain text unless --markdown or --json is given. Sections either file did not collect are named,
not compared, and count as unchanged for --exit-code and --fail-on.

Exit status: 0 compared (and, with --exit-code or --fail-on, nothing that fails them), 1 with --exit-code a
change was found, or with --fail-on a change at that level, 64 bad usage, 65 a file from a newer major schema,
66 a file is missing, unreadable or not an export.`;

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

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'any-escalation'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** True when the diff holds a change that --fail-on LEVEL fails on. */
function failsOn(diff: DiffResult, level: FailOn): boolean {
  if (level === 'any-escalation') return diff.escalations > 0;
  const worst = SEVERITIES.indexOf(level);
  return diff.changes.some((c) => SEVERITIES.indexOf(c.severity) <= worst);
}

/** `diff <old.json> <new.json> [options]` (argv = the arguments after "diff"); returns the exit code. */
export async function runDiffCommand(argv: string[], io: DiffIo): Promise<number> {
  const { values, positionals } = parseCommand('diff', {
    args: argv,
    options: { ...HELP_OPTION, json: { type: 'boolean' }, markdown: { type: 'boolean' }, 'exit-code': { type: 'boolean' }, 'fail-on': { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.stdout(DIFF_HELP + '\n');
    return EXIT.ok;
  }
  if (values.json === true && values.markdown === true) throw new ConfigError('Choose --json or --markdown, not both. Run "discord-server-exporter diff --help" for the options.');
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new ConfigError(`--fail-on takes ${FAIL_ON.join(', ')}; got "${oneLine(failOn, 40)}". Run "discord-server-exporter diff --help" for the options.`);
  }
  // "diff diff a b" (the command word repeated, as some wrappers pass it) reads as "diff a b".
  const files = positionals.length === 3 && positionals[0] === 'diff' ? positionals.slice(1) : positionals;
  if (files.length !== 2) throw new ConfigError(`diff needs two files, got ${files.length}. Usage: discord-server-exporter diff <old.json> <new.json> [--markdown | --json]`);
  const warn = (line: string) => io.stderr(`${line}\n`);
  const [before, after] = await Promise.all([load(files[0], warn), load(files[1], warn)]);
  const guildBefore = before.server?.id ?? before.meta?.scope?.guild_id;
  const guildAfter = after.server?.id ?? after.meta?.scope?.guild_id;
  if (guildBefore && guildAfter && guildBefore !== guildAfter) {
    io.stderr(`Warning: ${files[0]} is guild ${oneLine(String(guildBefore), 64)} but ${files[1]} is guild ${oneLine(String(guildAfter), 64)}; ` +
      'every item will show as removed and added. Compare two exports of the same server.\n');
  }
  const diff = diffExports(before, after);
  if (values.json === true) io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
  else io.stdout(`${forTerminal(values.markdown === true ? renderDiffMarkdown(diff) : renderDiffText(diff))}\n${neverCompared(diff)}`);
  const changed = values['exit-code'] === true && diff.changes.length > 0;
  return changed || (failOn !== undefined && failsOn(diff, failOn as FailOn)) ? EXIT.diffFound : EXIT.ok;
}

/** The sections a diff never compares (they move with activity, not configuration), said once at the end. */
function neverCompared(diff: ReturnType<typeof diffExports>): string {
  const labels = (diff.out_of_scope ?? []).map((n) => n.label);
  return labels.length ? `\nNever compared (they change with activity, not configuration): ${labels.join(', ')}.\n` : '';
}
