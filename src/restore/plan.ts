import { PlanContext, type PlanOptions } from './context.js';
import type { LiveState } from './live.js';
import { planChannels } from './plan-channels.js';
import { planExtras } from './plan-extras.js';
import { planRoles } from './plan-roles.js';
import { planSettings } from './plan-settings.js';
import type { Plan, RestoreSource } from './types.js';

/** Discord's role-creation window: about 250 per 48 hours per server (RESTORE-NOTES: discord-api-docs#1480). */
const ROLE_CREATES_PER_WINDOW = 250;
const ROLE_WINDOW_SECONDS = 48 * 3600;

/**
 * The whole plan: what to send to make the live server match the source, in the order that works, with what Discord
 * would refuse already turned into skips. Pure: reads nothing and writes nothing.
 */
export function planRestore(source: RestoreSource, live: LiveState, options: PlanOptions): Plan & { ids: Map<string, string> } {
  const ctx = new PlanContext(source, live, options);
  planSettings(ctx);
  planRoles(ctx);
  planChannels(ctx);
  planExtras(ctx);
  const steps = [...ctx.steps].sort((a, b) => a.phase - b.phase);
  const { seconds, notes } = estimate(steps.filter((s) => s.run).map((s) => s.op));
  return { steps, estimatedSeconds: seconds, notes, ids: ctx.ids };
}

/**
 * Seconds the apply takes at least: Discord's per-route buckets allow about five writes every five seconds on the
 * busy routes (creates), faster elsewhere; beyond 250 role creates the long window makes it wait two days.
 */
function estimate(ops: { action: string; kind: string }[]): { seconds: number; notes: string[] } {
  const creates = ops.filter((o) => o.action === 'create' && (o.kind === 'role' || o.kind === 'channel')).length;
  const roleCreates = ops.filter((o) => o.action === 'create' && o.kind === 'role').length;
  let seconds = Math.ceil(creates * 1 + (ops.length - creates) * 0.25);
  const notes: string[] = [];
  if (roleCreates > ROLE_CREATES_PER_WINDOW) {
    seconds += Math.floor((roleCreates - 1) / ROLE_CREATES_PER_WINDOW) * ROLE_WINDOW_SECONDS;
    notes.push(`Discord allows about ${ROLE_CREATES_PER_WINDOW} role creations per 48 hours: ${roleCreates} roles to create means waiting for that window; apply shows the wait and can be stopped and run again later.`);
  }
  return { seconds, notes };
}
