import { EXPORTER_VERSION } from '../version.js';
import { ConfigError } from '../config/validate.js';
import { redact } from '../config/redact.js';
import { runExportCommand } from './export-command.js';
import { runAuditCommand } from './audit-command.js';
import { runDiffCommand } from './diff-command.js';
import { runTrendCommand } from './trend-command.js';
import { runInviteUrlCommand } from './invite-url-command.js';
import { runPlanCommand } from './plan-command.js';
import { runApplyCommand } from './apply-command.js';
import { EXIT, InputError } from './exit-codes.js';
import { EXIT_NEWER_SCHEMA, NewerSchemaError } from '../schema/version.js';
import type { CliIo } from './io.js';

export const HELP = `discord-server-exporter ${EXPORTER_VERSION}: export a Discord server, score its health, compare exports.

Usage:
  discord-server-exporter export --demo --out ./out          export the built-in demo server (no token)
  DISCORD_TOKEN=... discord-server-exporter export --guild ID --out ./out
  discord-server-exporter audit out/export.json [--write]    re-score an export offline
  discord-server-exporter diff old.json new.json [--json]    what changed between two exports or snapshots
  discord-server-exporter trend <snapshot dir>               the health score over time (history.json or --git)
  discord-server-exporter invite-url --client-id ID          the bot's invite link with the permissions it needs
  discord-server-exporter plan out/export.json --guild ID    what a restore would change (sends nothing)
  discord-server-exporter apply out/export.json --guild ID --yes   restore the server to match the export

  --help, -h       this help; "discord-server-exporter <command> --help" for a command's options
  --version, -v    the version

Exit status: 0 done, 1 partial export with --strict, 2 Discord refused the export, 64 bad usage,
65 a file from a newer export schema, 66 an input file missing or not an export, 70 internal error, 130/143 interrupted (SIGINT/SIGTERM).`;

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  export: runExportCommand,
  audit: runAuditCommand,
  diff: runDiffCommand,
  'invite-url': (argv, io) => Promise.resolve(runInviteUrlCommand(argv, io)),
  trend: (argv, io) => Promise.resolve(runTrendCommand(argv, io)),
  plan: runPlanCommand,
  apply: runApplyCommand,
};

/** Dispatches a subcommand; the one top-level catch maps errors to exit statuses and prints each once. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.hasOwn(COMMANDS, command)) return await COMMANDS[command](rest, io);
    switch (command) {
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`${EXPORTER_VERSION}\n`);
        return EXIT.ok;
      case 'help':
        // "help export" is "export --help".
        if (rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0])) return await COMMANDS[rest[0]](['--help'], io);
        io.stdout(HELP + '\n');
        return EXIT.ok;
      case '--help':
      case '-h':
        io.stdout(HELP + '\n');
        return EXIT.ok;
      case undefined:
        io.stderr(HELP + '\n');
        return EXIT.usage;
      default:
        io.stderr(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "discord-server-exporter --help".\n`);
        return EXIT.usage;
    }
  } catch (error) {
    const secrets = [io.env.DISCORD_TOKEN, io.env.OPENAI_API_KEY];
    if (error instanceof ConfigError) {
      io.stderr(redact(`Error: ${error.message}\n`, secrets));
      return EXIT.usage;
    }
    if (error instanceof NewerSchemaError) {
      io.stderr(redact(`Error: ${error.message}\n`, secrets));
      return EXIT_NEWER_SCHEMA;
    }
    if (error instanceof InputError) {
      io.stderr(redact(`Error: ${error.message}\n`, secrets));
      return EXIT.input;
    }
    io.stderr(redact(`Unexpected error: ${(error as Error)?.stack ?? String(error)}\nPlease report this at the project's issue tracker.\n`, secrets));
    return EXIT.internal;
  }
}
