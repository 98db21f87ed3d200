import type { GitHubClient } from '../github/client.js';
import { upsertComment } from '../github/pr-comment.js';
import { readTextFile } from '../github/repository.js';
import { planText, summaryOf } from '../restore/render.js';
import { mdCode, mdText } from '../text/escape.js';
import type { RunnerContext } from './context.js';
import { ignoredEdits } from './ignored-edits.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import { writeOutputs, writeSummary } from './outputs.js';
import { planMarkdown } from './plan-markdown.js';
import type { RestoreInputs } from './restore-inputs.js';
import { openRestoreSession, planSnapshot } from './restore-step.js';
import { snapshotDirFor } from './snapshot.js';

export interface ModeRun {
  inputs: ActionInputs;
  restore: RestoreInputs;
  ctx: RunnerContext;
  log: ActionLog;
  client: GitHubClient;
}

/** The snapshot.json of a server in the repository (with several servers, a snapshot-dir given holds one folder each). */
export function snapshotPathFor(inputs: ActionInputs, guildId: string): string {
  const dir = inputs.snapshotDir && inputs.guildIds.length > 1 ? `${inputs.snapshotDir}/${guildId}` : snapshotDirFor(inputs.snapshotDir, guildId);
  return `${dir}/snapshot.json`;
}

/**
 * `mode: plan`: reads each server's snapshot.json at the pull request's head (no checkout) and plans it against the
 * live server, writing nothing to Discord. The plan goes to the job summary and to one comment per server on the
 * pull request, edited in place on every push. The step fails when a file is not a valid snapshot (annotated on its
 * lines) or, with `fail-on-skip`, when the plan holds something that cannot be applied.
 */
export async function runPlanMode(run: ModeRun): Promise<void> {
  const { inputs, restore, ctx, log, client } = run;
  const ref = ctx.pullRequest?.headSha ?? ctx.sha;
  const failures: string[] = [];
  const plans: unknown[] = [];
  let changes = 0;
  const session = await openRestoreSession(inputs);
  try {
    for (const guildId of inputs.guildIds.length ? inputs.guildIds : [session.demo?.guildId ?? '']) {
      const path = snapshotPathFor(inputs, guildId);
      const text = await readTextFile(client, path, ref);
      if (text === null) {
        failures.push(`${path} does not exist at ${ref?.slice(0, 12) ?? 'the default branch'}: there is no snapshot of server ${guildId} to plan. Run the Action in export mode first, or check snapshot-dir.`);
        continue;
      }
      const result = await log.group(`Plan ${path} against server ${guildId}`, () => planSnapshot(session, guildId, text, path, restore.prune));
      if (result.status === 'invalid') {
        for (const line of result.problem.lines) log.error(result.problem.message, `${path} is not a valid snapshot`, { file: path, line });
        failures.push(`${path} is not a valid snapshot: ${result.problem.message}`);
        continue;
      }
      if (result.status === 'fatal') {
        failures.push(`Server ${guildId} could not be read to plan ${path}: ${result.message}`);
        continue;
      }
      const summary = summaryOf(result.plan);
      changes += summary.create + summary.update + summary.delete;
      plans.push({ guild_id: guildId, file: path, operations: result.plan.steps.map((s) => s.op), summary });
      const base = ctx.pullRequest?.baseSha ? await readTextFile(client, path, ctx.pullRequest.baseSha) : null;
      const ignored = base === null ? [] : ignoredEdits(base, text);
      const markdown = [
        planMarkdown(guildId, `Plan for ${result.source.export.server?.name ?? guildId}`, planText(result.plan)),
        ignored.length ? `The plan ignores these edits: a restore does not set them (they record the server): ${ignored.map((f) => mdCode(f)).join(', ')}.\n` : '',
        summary.skip ? `${summary.skip} ${summary.skip === 1 ? 'change cannot' : 'changes cannot'} be applied as they stand (each \`!\` line says why).\n` : '',
        `Merging applies this plan to the server${restore.prune ? ', deletions included' : ''} (\`mode: apply\`); nothing has been changed yet.\n`,
      ].filter(Boolean).join('\n');
      await writeSummary(log.redact(markdown), log);
      if (ctx.pullRequest) {
        const comment = await upsertComment(client, ctx.pullRequest.number, guildId, log.redact(markdown));
        log.info(`Plan comment ${comment.operation} on pull request #${ctx.pullRequest.number}.`);
      }
      if (summary.skip && restore.failOnSkip) {
        failures.push(`${path}: ${summary.skip} planned ${summary.skip === 1 ? 'change cannot' : 'changes cannot'} be applied (see the plan); fix them, or set fail-on-skip: false to accept them.`);
      }
    }
  } finally {
    await session.close();
  }
  writeOutputs({ changes, plan: JSON.stringify({ changes, guilds: plans }) });
  if (failures.length) {
    await writeSummary(`### The plan check failed\n\n${failures.map((f) => `- ${mdText(log.redact(f))}`).join('\n')}\n`, log);
    log.fail(failures);
  }
}
