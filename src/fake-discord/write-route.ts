import type { Reply } from './errors.js';
import type { FakeChannel, FakeGuild } from './types.js';

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface WriteContext {
  guild: FakeGuild;
  /** The channel named by :channel (a guild channel or a thread), else null. */
  channel: FakeChannel | null;
  params: Record<string, string>;
  /** The parsed JSON body (undefined when the request had none). */
  body: unknown;
}

export interface WriteRouteDef {
  method: WriteMethod;
  /** '/guilds/:guild/roles/:role' style; :guild and :channel are resolved by the server. */
  pattern: string;
  /** Rate-limit bucket name (see limits.ts). */
  bucket: string;
  /** The permission (PermissionFlagsBits name) the bot needs in the guild, else 403 50013. */
  needs?: string;
  /** A second, longer bucket some requests also spend (a channel's name and topic edits), by body. */
  extraBucket?(ctx: WriteContext): string | null;
  handle(ctx: WriteContext): Reply;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204, body: null });
