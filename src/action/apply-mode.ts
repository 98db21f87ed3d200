import { getRepository, readTextFile } from '../github/repository.js';
import { personEditOf } from '../github/snapshot-edits.js';
import type { StepOutcome } from '../restore/execute.js';
import { operationLines } from '../restore/render.js';
import { mdCode, mdText } from '../text/escape.js';
import type { RunnerContext } from './context.js';
import type { RestoreInputs } from './restore-inputs.js';
import { writeSummary } from './outputs.js';
import { codeBlock } from './plan-markdown.js';
import { snapshotPathFor, type ModeRun } from './plan-mode.js';
import { applySnapshot, openRestoreSession, planSnapshot } from './restore-step.js';

/**
 * Why `mode: apply` must not run here, or null. Writes to Discord come only from a reviewed change on the default
 * branch: never from a pull request's code (pull_request, pull_request_target), never in a fork, and only when the
 * workflow file says so (`allow-writes: true`), where a reviewer sees it.
 */
export function applyRefusal(ctx: RunnerContext, restore: RestoreInputs): string | null {
  if (restore.mode !== 'apply') return null;
  if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') {
    return `mode: apply does not run for ${ctx.eventName} events: a pull request must never change the server. Use mode: plan on pull requests and mode: apply on push to the default branch.`;
  }
  if (ctx.fork === true) return 'mode: apply does not run in a fork or for changes from one: only the repository that owns the server\'s snapshots applies them.';
  if (!restore.allowWrites) {
    return 'mode: apply changes the Discord server: it needs `allow-writes: true` in the workflow as well (and, recommended, a GitHub environment with required reviewers for the job).';
  }
  return null;
}

/** One server's apply, for the summary and the step's result. */
interface Applied {
  guildId: string;
  failures: string[];
}

/**
 * `mode: apply`, before the usual export: for each server whose snapshot.json this push changed by a commit a person
 * wrote (not the Action's own snapshot commits), plans that file against the live server and applies it, each
 * write naming the commit in the server's audit log. The export that follows then commits what the server really
 * is. Returns why the step must fail (after everything else is done).
 */
export async function runApplyStep(run: ModeRun): Promise<string[]> {
  const { inputs, restore, ctx, log, client } = run;
  if (ctx.eventName !== 'push' || !ctx.push) {
    log.info(`mode: apply applies snapshot edits pushed to the default branch; this run is a ${ctx.eventName ?? 'local'} event: nothing to apply, the export goes on.`);
    return [];
  }
  const repo = await getRepository(client);
  if (ctx.push.ref !== `refs/heads/${repo.defaultBranch}`) {
    log.info(`The push is to ${ctx.push.ref}, not the default branch (${repo.defaultBranch}): nothing is applied.`);
    return [];
  }
  const results: Applied[] = [];
  const session = await openRestoreSession(inputs);
  try {
    for (const guildId of inputs.guildIds) {
      const path = snapshotPathFor(inputs, guildId);
      const edit = await personEditOf(client, ctx.push.before, ctx.push.after, path);
      if (!edit) {
        log.info(`${path} was not changed by this push (or only by the Action's own snapshot commits): nothing to apply to server ${guildId}.`);
        continue;
      }
      const text = await readTextFile(client, path, ctx.push.after);
      if (text === null) {
        results.push({ guildId, failures: [`${path} was deleted by ${edit.sha.slice(0, 12)}: there is nothing to apply; restore the file to manage server ${guildId} again.`] });
        continue;
      }
      const planned = await planSnapshot(session, guildId, text, path, restore.prune);
      if (planned.status === 'invalid') {
        for (const line of planned.problem.lines) log.error(planned.problem.message, `${path} is not a valid snapshot`, { file: path, line });
        results.push({ guildId, failures: [`${path} at ${edit.sha.slice(0, 12)} is not a valid snapshot: ${planned.problem.message}`] });
        continue;
      }
      if (planned.status === 'fatal') {
        results.push({ guildId, failures: [`Server ${guildId} could not be read to apply ${path}: ${planned.message}`] });
        continue;
      }
      const outcomes = await log.group(`Apply ${path} (commit ${edit.sha.slice(0, 12)}) to server ${guildId}`, () => applySnapshot(session, planned, edit.sha));
      const failed = outcomes.filter((o) => o.status === 'failed');
      await writeSummary(log.redact(appliedMarkdown(guildId, edit, outcomes)), log);
      results.push({ guildId, failures: failed.map((o) => `Server ${guildId}: ${o.step.op.kind} ${o.step.op.name} could not be applied: ${o.status === 'failed' ? o.reason : ''}`) });
    }
  } finally {
    await session.close();
  }
  return results.flatMap((r) => r.failures);
}

/** What an apply did, for the job summary: done, skipped and failed, each with its reason. */
function appliedMarkdown(guildId: string, edit: { sha: string; subject: string }, outcomes: StepOutcome[]): string {
  const section = (title: string, list: StepOutcome[]) =>
    list.length ? [`**${title}** (${list.length})`, '', codeBlock(list.flatMap((o) => [...operationLines(o.step.op), ...(o.status !== 'done' ? [`      ${o.status}: ${o.reason}`] : [])])), ''] : [];
  const done = outcomes.filter((o) => o.status === 'done' && o.step.op.action !== 'skip');
  const skipped = outcomes.filter((o) => o.status === 'skipped' || o.step.op.action === 'skip');
  const failed = outcomes.filter((o) => o.status === 'failed');
  return [
    `### Applied to server ${mdCode(guildId)} from commit ${mdCode(edit.sha.slice(0, 12))}: ${mdText(edit.subject, 200)}`, '',
    ...(outcomes.length === 0 ? ['Nothing to change: the server already matched the snapshot.', ''] : []),
    ...section('Applied', done), ...section('Skipped', skipped), ...section('Failed', failed),
  ].join('\n');
}
