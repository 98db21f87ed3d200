import { DiscordAPIError, RateLimitError } from '@discordjs/rest';
import type { DiscordApi } from '../discord/api.js';
import { classifyError } from '../discord/errors.js';
import { WAITS_FOR, type ExecContext, type Plan, type PlannedOp } from './types.js';

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
 * Writes in flight at once. The client's own buckets and global window decide when each goes; this only keeps a
 * server with hundreds of creates from queueing them all in the client at once (and printing a wait for each).
 */
const IN_FLIGHT = 10;

/**
 * Runs a plan's writes: each step once the phases it waits for (WAITS_FOR) and the creates it needs are done, the
 * rest side by side. A failed write never stops the independent ones; what depends on a create that failed is
 * skipped with that reason. Returns every step's outcome in plan order; nothing here decides the exit code.
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
  const slots = new Slots(IN_FLIGHT);
  const waits = new WaitNotices(options.onWait);
  const finished = new Map<PlannedOp, Promise<StepOutcome>>();
  const providers = new Map(runnable.flatMap((s) => (s.provides ? [[s.provides, s] as const] : [])));
  let done = 0;
  const run = async (step: PlannedOp, before: Promise<unknown>[]): Promise<StepOutcome> => {
    await Promise.all(before);
    const outcome = await attempt(step);
    if (outcome.status !== 'done' && step.provides) {
      broken.set(step.provides, `${step.op.kind} "${step.op.name}", which ${outcome.status === 'skipped' ? 'was not created' : 'could not be created'}`);
    }
    done++;
    return outcome;
  };
  const attempt = async (step: PlannedOp): Promise<StepOutcome> => {
    const blocked = step.needs.find((n) => broken.has(n));
    if (blocked) return { step, status: 'skipped', reason: `it needs ${broken.get(blocked)}` };
    await slots.take();
    try {
      options.onStep?.(done, runnable.length, step);
      await runWaiting(step, ctx, waits);
      return { step, status: 'done' };
    } catch (error) {
      if (error instanceof MissingDependency) return { step, status: 'skipped', reason: `it needs ${error.message}` };
      return { step, status: 'failed', reason: describe(error) };
    } finally {
      slots.give();
    }
  };
  for (const step of runnable) {
    const phases = WAITS_FOR[step.phase];
    const before = runnable.filter((s) => s.phase < step.phase && (phases === undefined || phases.includes(s.phase)));
    for (const need of step.needs) {
      const provider = providers.get(need);
      if (provider && !before.includes(provider)) before.push(provider);
    }
    // Steps start in plan order, and every step waited for comes earlier in it, so each is in the map already.
    finished.set(step, run(step, before.map((s) => finished.get(s)!)));
  }
  return Promise.all(runnable.map((s) => finished.get(s)!));
}

/** Discord's long windows (longer than the client sits through) are waited out once, as Discord said, with notice. */
async function runWaiting(step: PlannedOp, ctx: ExecContext, waits: WaitNotices): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await step.run!(ctx);
      return;
    } catch (error) {
      if (!(error instanceof RateLimitError) || attempt >= 2) throw error;
      const ms = Math.max(error.retryAfter, error.timeToReset);
      waits.notice(ms, step);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}

/** One notice per long wait, however many steps in flight meet the same window. */
class WaitNotices {
  private until = 0;
  constructor(private readonly onWait: ExecuteOptions['onWait']) {}

  notice(ms: number, step: PlannedOp): void {
    const end = Date.now() + ms;
    if (end <= this.until + 1000) return;
    this.until = end;
    this.onWait?.(Math.ceil(ms / 1000), step);
  }
}

/** A counting semaphore. */
class Slots {
  private queue: (() => void)[] = [];
  constructor(private free: number) {}

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  give(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }
}

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `Discord answered ${error.status} (code ${String(error.code)}): ${error.message}`;
  return classifyError(error).message;
}
