import { redact } from '../config/redact.js';
import { oneLine } from '../text/escape.js';
import { executePlan } from '../restore/execute.js';
import { parseRestoreArgs, prepare } from '../restore/prepare.js';
import { createApplyProgress } from '../restore/progress.js';
import { auditReason } from '../restore/reason.js';
import { duration, planText } from '../restore/render.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { EXIT_CHANGES } from './plan-command.js';

export const APPLY_HELP = `Usage: discord-server-exporter apply SOURCE --guild ID --yes [options]

Makes the live server match SOURCE (an export.json, snapshot.json or export.zip written by export): the plan that
"plan" prints, executed in an order that works. Without --yes it only prints that plan. Nothing is deleted without
--prune. Every write names SOURCE in the server's audit log.

  --guild ID         the server to restore (env DISCORD_GUILD_ID)
  --yes              make the changes
  --prune            also delete what the server has and SOURCE does not (last, after everything else)
  --member-roles     also re-grant members their roles (an export.json with the member list)
  --demo             restore the built-in demo server just after a raid (no token needed)
  --api-base URL     Discord API base (default https://discord.com/api; env DISCORD_API_BASE)
  --timeout MS       per-request timeout (default 15000)
  --quiet, -q        no progress
  --help, -h         this help

Exit status: 0 the server matches SOURCE (skipped items are listed), 1 something could not be applied (each named),
2 could not start (bad token, unknown server), 3 without --yes: changes pending, 64 bad usage.`;

/** `apply SOURCE --guild ID --yes`: executes the plan; returns the exit status. */
export async function runApplyCommand(argv: string[], io: CliIo): Promise<number> {
  const request = parseRestoreArgs('apply', argv, io.env);
  if (request.help) {
    io.stdout(APPLY_HELP + '\n');
    return EXIT.ok;
  }
  const secrets = [request.token];
  const prepared = await prepare(request, (line) => io.stderr(redact(`${line}\n`, secrets)));
  if (!prepared.ok) {
    io.stderr(redact(`Apply failed: ${oneLine(prepared.message, 2000)}\nWhat to do: ${prepared.hint}\nNothing was sent.\n`, secrets));
    return EXIT.fatal;
  }
  const { plan, source } = prepared;
  const pending = plan.steps.filter((s) => s.run).length;
  io.stdout(planText(plan));
  if (!request.yes || pending === 0) {
    await prepared.close();
    if (pending > 0) io.stdout(`\nNothing was changed. To make these changes, run the same command with --yes.\n`);
    return pending > 0 ? EXIT_CHANGES : EXIT.ok;
  }
  if (plan.estimatedSeconds > 60) io.stderr(`This takes about ${duration(plan.estimatedSeconds)} at Discord's rate limits.\n`);
  const progress = request.quiet ? null : createApplyProgress(io.progressStream);
  let outcomes;
  try {
    outcomes = await executePlan(plan, {
      api: prepared.session.api(),
      guildId: prepared.guildId,
      reason: auditReason(source),
      ids: plan.ids,
      onStep: (done, total, step) => progress?.step(done, total, step),
      onWait: (seconds, step) => progress?.wait(seconds, step),
    });
  } finally {
    progress?.finish();
    await prepared.close();
  }
  const failed = outcomes.filter((o) => o.status !== 'done');
  const done = outcomes.length - failed.length;
  io.stdout(`\nApplied ${done} of ${outcomes.length} change(s).\n`);
  if (failed.length === 0) return EXIT.ok;
  io.stderr(`${failed.length} change(s) could not be applied:\n`);
  for (const o of failed) {
    if (!('reason' in o)) continue;
    io.stderr(redact(`  ${o.status === 'failed' ? 'FAILED ' : 'skipped'} ${o.step.op.action} ${o.step.op.kind} ${oneLine(o.step.op.name, 120)}: ${oneLine(o.reason, 600)}\n`, secrets));
  }
  io.stderr('Fix what the reasons name, then run apply again: it carries on from where the server is now.\n');
  return EXIT.partial;
}
