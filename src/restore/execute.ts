import { DiscordAPIError, RateLimitError } from '@discordjs/rest';
import type { DiscordApi } from '../discord/api.js';
import { classifyError } from '../discord/errors.js';
import type { ExecContext, Plan, PlannedOp } from './types.js';

export type StepOutcome = { step: PlannedOp; status: 'done' } | { step: PlannedOp; status: 'failed' | 'skipped'; reason: string };

export interface ExecuteOptions {
  api: DiscordApi;
  guildId: string;
  /** X-Audit-Log-Reason of every write. */
  reason: string;
  /** Live ids of the source entities that exist already (from the plan). */
  ids: Map<string, string>;
  onStep?: (done: number, total: number, step: PlannedOp) => void;
  /** Called before waiting out one of Discord's long windows (role creation ~250 per 48 h). */
  onWait?: (seconds: number, step: PlannedOp) => void;
}

/** A reference to something that was not created (its create failed or was skipped). */
class MissingDependency extends Error {}

/**
 * Runs a plan's writes in order. A failed write never stops the independent ones; what depends on a create that
 * failed is skipped with that reason. Returns every step's outcome; nothing here decides the exit code.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<StepOutcome[]> {
  const ids = new Map(options.ids);
  const broken = new Map<string, string>();
  const ctx: ExecContext = {
    guildId: options.guildId,
    id(kind, sourceId) {
      const id = ids.get(`${kind}:${sourceId}`);
      if (!id) throw new MissingDependency(broken.get(`${kind}:${sourceId}`) ?? `the ${kind} ${sourceId} does not exist`);
      return id;
    },
    maybeId: (kind, sourceId) => ids.get(`${kind}:${sourceId}`) ?? null,
    created(kind, sourceId, liveId) {
      ids.set(`${kind}:${sourceId}`, liveId);
    },
    read: (route) => options.api.get(route),
    write: (method, route, body) => options.api.write(method, route, body, options.reason),
  };
  const runnable = plan.steps.filter((s) => s.run);
  const outcomes: StepOutcome[] = [];
  let done = 0;
  for (const step of runnable) {
    options.onStep?.(done, runnable.length, step);
    const blocked = step.needs.find((n) => broken.has(n));
    if (blocked) {
      outcomes.push({ step, status: 'skipped', reason: `it needs ${broken.get(blocked)}` });
      if (step.provides) broken.set(step.provides, `${step.op.kind} "${step.op.name}", which was not created`);
      done++;
      continue;
    }
    try {
      await runWaiting(step, ctx, options);
      outcomes.push({ step, status: 'done' });
    } catch (error) {
      const reason = error instanceof MissingDependency ? `it needs ${error.message}` : describe(error);
      outcomes.push({ step, status: error instanceof MissingDependency ? 'skipped' : 'failed', reason });
      if (step.provides) broken.set(step.provides, `${step.op.kind} "${step.op.name}", which could not be created`);
    }
    done++;
  }
  return outcomes;
}

/** Discord's long windows (longer than the client sits through) are waited out once, as Discord said, with notice. */
async function runWaiting(step: PlannedOp, ctx: ExecContext, options: ExecuteOptions): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await step.run!(ctx);
      return;
    } catch (error) {
      if (!(error instanceof RateLimitError) || attempt >= 2) throw error;
      const ms = Math.max(error.retryAfter, error.timeToReset);
      options.onWait?.(Math.ceil(ms / 1000), step);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `Discord answered ${error.status} (code ${String(error.code)}): ${error.message}`;
  return classifyError(error).message;
}
