import type { APIRole } from 'discord-api-types/v10';
import type { Operation, PlannedOp, RestoreSource } from './types.js';
import type { LiveState } from './live.js';
import { Guards } from './guards.js';

export interface PlanOptions {
  /** Delete what the live server has and the source does not. */
  prune: boolean;
  /** Re-grant members the roles the source says they held. */
  memberRoles: boolean;
}

type RefKind = 'role' | 'channel';
type RefState = { liveId: string } | { planned: true } | { unavailable: string };

/** What every per-kind planner shares: the two sides, the bot's limits, and what each source entity will be. */
export class PlanContext {
  readonly guards: Guards;
  readonly steps: PlannedOp[] = [];
  /** `role:<source id>` -> live id, for what exists already (the executor adds what it creates). */
  readonly ids = new Map<string, string>();
  private readonly refs = new Map<string, RefState>();

  constructor(readonly source: RestoreSource, readonly live: LiveState, readonly options: PlanOptions) {
    const botRole = [...live.roles].filter((r) => r.position === live.bot.top && r.id !== live.guild.id).sort((a, b) => b.position - a.position)[0];
    this.guards = new Guards(live.bot, botRole?.name ?? null);
  }

  get sourceGuildId(): string {
    return this.source.export.server?.id ?? this.source.export.meta.scope.guild_id;
  }

  add(op: Operation, phase: number, extra: Partial<Omit<PlannedOp, 'op' | 'phase'>> = {}): PlannedOp {
    const step: PlannedOp = { op, phase, needs: [], writes: extra.run ? 1 : 0, ...extra };
    this.steps.push(step);
    return step;
  }

  exists(kind: RefKind, sourceId: string, liveId: string): void {
    this.refs.set(`${kind}:${sourceId}`, { liveId });
    this.ids.set(`${kind}:${sourceId}`, liveId);
  }

  willCreate(kind: RefKind, sourceId: string): void {
    this.refs.set(`${kind}:${sourceId}`, { planned: true });
  }

  unavailable(kind: RefKind, sourceId: string, reason: string): void {
    this.refs.set(`${kind}:${sourceId}`, { unavailable: reason });
  }

  /** Whether a source role or channel will be there to refer to: null when it will, else why not. */
  missing(kind: RefKind, sourceId: string): string | null {
    const state = this.refs.get(`${kind}:${sourceId}`);
    if (!state) return `the ${kind} ${sourceId} is not in the source`;
    return 'unavailable' in state ? `the ${kind} it refers to is not restored (${state.unavailable})` : null;
  }

  /** The live id of a source role or channel when it exists now (null when it is to be created or is unavailable). */
  liveId(kind: RefKind, sourceId: string): string | null {
    const state = this.refs.get(`${kind}:${sourceId}`);
    return state && 'liveId' in state ? state.liveId : null;
  }

  liveRole(id: string): APIRole | undefined {
    return this.live.roles.find((r) => r.id === id);
  }
}
