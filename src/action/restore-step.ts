import type { ExportConfig } from '../config/types.js';
import { classifyError } from '../discord/errors.js';
import { openSession, type Session } from '../pipeline/session.js';
import { executePlan, type StepOutcome } from '../restore/execute.js';
import { readLive } from '../restore/live.js';
import { planRestore } from '../restore/plan.js';
import { auditReason } from '../restore/reason.js';
import { sourceFromBytes } from '../restore/source.js';
import type { Plan, RestoreSource } from '../restore/types.js';
import { lineOfPointer } from '../schema/json-line.js';
import type { ActionInputs } from './inputs.js';
import { pathsIn, pointerOf } from './plan-markdown.js';

/** Why a snapshot file cannot be planned: one line, and the lines of the file each problem is at. */
export interface SourceProblem {
  message: string;
  lines: number[];
}

export type GuildPlan =
  | { guildId: string; status: 'planned'; source: RestoreSource; plan: Plan & { ids: Map<string, string> } }
  | { guildId: string; status: 'invalid'; problem: SourceProblem }
  | { guildId: string; status: 'fatal'; message: string };

/** The client every server of a plan or apply run shares, as export opens it (one budget, one set of buckets). */
export function openRestoreSession(inputs: ActionInputs): Promise<Session> {
  const config: ExportConfig = {
    guildId: inputs.guildId, token: inputs.discordToken, apiBase: inputs.apiBase, demo: inputs.demo, outDir: '.', only: null,
    skip: [], members: 'none', maxMembers: null, formats: [], strict: false, auditConfigPath: null, promptBudget: 12_000,
  };
  return openSession(config, inputs.guildIds.length || 1);
}

/**
 * Reads a snapshot file's text as a restore source and plans it against the live server: never writes. A file that
 * is not a usable snapshot comes back as `invalid` with the lines of its problems; a server the bot cannot read as
 * `fatal`.
 */
export async function planSnapshot(session: Session, guildId: string, text: string, path: string, prune: boolean): Promise<GuildPlan> {
  let source: RestoreSource;
  try {
    source = sourceFromBytes(Buffer.from(text, 'utf8'), path, () => undefined);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lines = pathsIn(message).map((p) => lineOfPointer(text, pointerOf(p))).filter((n): n is number => n !== null);
    return { guildId, status: 'invalid', problem: { message, lines: lines.length ? [...new Set(lines)] : [1] } };
  }
  try {
    const live = await readLive(session.api(), guildId, { members: false, token: session.token });
    return { guildId, status: 'planned', source, plan: planRestore(source, live, { prune, memberRoles: false }) };
  } catch (error) {
    const c = classifyError(error);
    return { guildId, status: 'fatal', message: `${c.message} ${c.hint}`.trim() };
  }
}

/** Applies a plan, every write saying in the server's audit log which commit it comes from. */
export async function applySnapshot(session: Session, planned: Extract<GuildPlan, { status: 'planned' }>, commit: string): Promise<StepOutcome[]> {
  return executePlan(planned.plan, {
    api: session.api(), guildId: planned.guildId, ids: planned.plan.ids,
    reason: auditReason(planned.source, `commit ${commit.slice(0, 12)} (${planned.source.file})`),
  });
}
