import type { GuildExport } from '../schema/types.js';

export type OpAction = 'create' | 'update' | 'delete' | 'skip';
export type OpKind =
  | 'settings' | 'role' | 'channel' | 'overwrite' | 'automod' | 'welcome-screen' | 'onboarding' | 'member-roles'
  | 'emoji' | 'sticker' | 'positions';
/** How a source entity was paired with a live one: same id, same kind + name (+ type + parent), or none (created). */
export type OpMatch = 'id' | 'name' | 'new';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** One line of a plan, as `plan --json` prints it (plan.schema.json). */
export interface Operation {
  action: OpAction;
  kind: OpKind;
  name: string;
  /** The live id it acts on, or the source id of what it creates. */
  id: string;
  match: OpMatch;
  changes?: Record<string, FieldChange>;
  reason?: string;
}

/** What the executor has while it runs: the live ids of what the source names, and the way to write. */
export interface ExecContext {
  guildId: string;
  /** The live id of a source role or channel (an error naming it when it does not exist yet). */
  id(kind: 'role' | 'channel', sourceId: string): string;
  /** Records the live id a create got. */
  created(kind: 'role' | 'channel', sourceId: string, liveId: string): void;
  /** The live id of a source role or channel, or null when it does not exist (yet). */
  maybeId(kind: 'role' | 'channel', sourceId: string): string | null;
  /** A fresh read (positions change as the apply creates things). */
  read<T>(route: `/${string}`): Promise<T>;
  write<T = unknown>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', route: `/${string}`, body?: unknown): Promise<T>;
}

/**
 * An operation and how to carry it out. `phase` orders the apply (RESTORE-NOTES "order that works"); `needs`
 * names the source entities (`role:<id>`, `channel:<id>`) it refers to, so a failed create skips its dependants;
 * `provides` is the source entity a create makes.
 */
export interface PlannedOp {
  op: Operation;
  phase: number;
  needs: string[];
  provides?: string;
  /** Writes this operation sends (for the time estimate). */
  writes: number;
  run?: (ctx: ExecContext) => Promise<void>;
}

export interface Plan {
  steps: PlannedOp[];
  /** Seconds Discord's limits make the apply take, at least. */
  estimatedSeconds: number;
  /** Why it takes that long, when a long-window limit is the cause. */
  notes: string[];
}

/** Why something the live server has and the source does not stays: deleting needs --prune. */
export const NOT_IN_SOURCE = 'not in the source: left as it is (run with --prune to delete it)';

/** Phases of an apply, in order. */
export const PHASE = {
  settings: 1,
  roles: 2,
  rolePositions: 3,
  categories: 4,
  channels: 5,
  overwrites: 6,
  channelPositions: 7,
  references: 8,
  memberRoles: 9,
  deletes: 10,
} as const;

/**
 * The phases whose every step must have finished before a step of a phase starts, besides the creates its `needs`
 * name: the apply runs everything else side by side, so the writes Discord's buckets hold back (channel creates, 5
 * per 5 s) do not hold back the rest. Positions read and order what the creates made; a live channel's overwrites
 * need only their roles (its edit sends none, nor moves it with lock_permissions); a phase not listed (the deletes)
 * waits for every phase before it.
 */
export const WAITS_FOR: Record<number, readonly number[]> = {
  [PHASE.settings]: [],
  [PHASE.roles]: [],
  [PHASE.rolePositions]: [PHASE.roles],
  [PHASE.categories]: [],
  [PHASE.channels]: [],
  [PHASE.overwrites]: [],
  [PHASE.channelPositions]: [PHASE.categories, PHASE.channels],
  [PHASE.references]: [PHASE.settings],
  [PHASE.memberRoles]: [PHASE.roles, PHASE.rolePositions],
};

/** What the planner reads from the source besides the export itself. */
export interface RestoreSource {
  export: GuildExport;
  file: string;
  /** Short sha256 of the file, for the audit-log reason. */
  sha: string;
  /** snapshot.json: member ids replaced by a placeholder. */
  snapshot: boolean;
  /** Emoji and sticker images carried by an export.zip, by path inside it. */
  images: Map<string, Buffer>;
}
