#!/usr/bin/env node
import { EXPORTER_VERSION } from '../version.js';
import { ConfigError } from '../config/validate.js';
import { redact } from '../config/redact.js';
import { runExportCommand } from './export-command.js';
import { runAuditCommand } from './audit-command.js';
import { runDiffCommand } from './diff-command.js';
import { runTrendCommand } from './trend-command.js';
import type { CliIo } from './io.js';

const HELP = `discord-server-exporter ${EXPORTER_VERSION}

Usage:
  discord-server-exporter export --demo --out ./out          export the built-in demo guild (no token)
  DISCORD_TOKEN=... discord-server-exporter export --guild ID --out ./out
  discord-server-exporter audit out/export.json [--json]     re-score an export offline
  discord-server-exporter diff old.json new.json [--json]    what changed between two exports or snapshots
  discord-server-exporter trend <snapshot dir>               the health score over time (history.json or --git)

Run "discord-server-exporter export --help" for the export options.`;

/** Dispatches a subcommand; the one top-level catch maps errors to exit statuses. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'export':
        return await runExportCommand(rest, io);
      case 'audit':
        return await runAuditCommand(rest, io);
      case 'diff':
        return await runDiffCommand(rest, io);
      case 'trend':
        return runTrendCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${EXPORTER_VERSION}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP + '\n');
        return command === undefined ? 64 : 0;
      default:
        io.stderr(`Unknown command "${command}".\n\n${HELP}\n`);
        return 64;
    }
  } catch (error) {
    const secrets = [io.env.DISCORD_TOKEN, io.env.OPENAI_API_KEY];
    if (error instanceof ConfigError) {
      io.stderr(redact(`Error: ${error.message}\n`, secrets));
      return 64;
    }
    io.stderr(redact(`Unexpected error: ${(error as Error)?.stack ?? String(error)}\nPlease report this at the project's issue tracker.\n`, secrets));
    return 70;
  }
}

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  progressStream: process.stderr,
};

// Run only as the entry point (tests import main()).
const entry = process.argv[1] ?? '';
if (/(?:^|[\\/])(cli|main)\.[cm]?[jt]s$/.test(entry)) {
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
