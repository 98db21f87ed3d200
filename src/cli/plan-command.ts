import { redact } from '../config/redact.js';
import { oneLine } from '../text/escape.js';
import { parseRestoreArgs, prepare } from '../restore/prepare.js';
import { planJson, planText } from '../restore/render.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

export const PLAN_HELP = `Usage: discord-server-exporter plan SOURCE --guild ID [options]

Reads the live server and prints what would change to make it match SOURCE (an export.json, snapshot.json or
export.zip written by export). Sends no write. Token and API settings as export (env DISCORD_TOKEN).

  --guild ID         the server to compare with (env DISCORD_GUILD_ID)
  --prune            also plan deleting what the server has and SOURCE does not
  --member-roles     also plan re-granting members their roles (an export.json with the member list)
  --json             print the plan as JSON (operations and summary)
  --demo             plan against the built-in demo server just after a raid (no token needed)
  --api-base URL     Discord API base (default https://discord.com/api; env DISCORD_API_BASE)
  --timeout MS       per-request timeout (default 15000)
  --help, -h         this help

Exit status: 0 nothing to change, 3 changes pending, 2 could not plan (bad token, unknown server), 64 bad usage
(SOURCE missing or not an export included).`;

/** Exit status of plan when changes are pending (terraform plan -detailed-exitcode uses 2; 2 here is "could not"). */
export const EXIT_CHANGES = 3;

/** `plan SOURCE --guild ID`: prints the plan; never writes. */
export async function runPlanCommand(argv: string[], io: CliIo): Promise<number> {
  const request = parseRestoreArgs('plan', argv, io.env);
  if (request.help) {
    io.stdout(PLAN_HELP + '\n');
    return EXIT.ok;
  }
  const secrets = [request.token];
  const prepared = await prepare(request, (line) => io.stderr(redact(`${line}\n`, secrets)));
  if (!prepared.ok) {
    io.stderr(redact(`Plan failed: ${oneLine(prepared.message, 2000)}\nWhat to do: ${prepared.hint}\nNothing was sent.\n`, secrets));
    return EXIT.fatal;
  }
  await prepared.close();
  io.stdout(request.json ? planJson(prepared.plan) : planText(prepared.plan));
  return prepared.plan.steps.some((s) => s.run) ? EXIT_CHANGES : EXIT.ok;
}
