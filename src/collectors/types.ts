import type { CollectedKey, GuildExport, MembersMode } from '../schema/types.js';
import type { DiscordApi } from '../discord/api.js';
import type { Sources } from './sources.js';

/** What a collector needs from the bot, shown in errors and in `--help`. */
export interface Needs {
  permissions?: string[];
  intents?: string[];
}

export type ProgressEvent =
  | { type: 'start'; collector: string }
  | { type: 'done'; collector: string; status: 'ok' | 'failed' | 'partial'; count: number }
  | { type: 'members'; fetched: number; total: number | null };

export interface CollectContext {
  api: DiscordApi;
  guildId: string;
  members: MembersMode;
  maxMembers: number | null;
  sources: Sources;
  /** Record a non-fatal problem: the collector returns what it has and is marked partial. */
  partial(error: unknown, needs?: Needs): void;
  /** Record how the collector went about it when that is worth knowing but nothing is missing (its record's `reason`). */
  note(text: string): void;
  progress(event: ProgressEvent): void;
}

/** One entity's collector: fetches through ctx (shared reads in ctx.sources) and maps to the export schema. */
export interface Collector<K extends CollectedKey = CollectedKey> {
  name: string;
  key: K;
  description: string;
  needs: Needs;
  collect(ctx: CollectContext): Promise<GuildExport[K]>;
}

/** Helper so each collector file stays typed to its key. */
export function defineCollector<K extends CollectedKey>(collector: Collector<K>): Collector<K> {
  return collector;
}
