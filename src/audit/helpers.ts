import { toBits } from '../discord/permissions.js';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ExportChannel } from '../schema/types.js';
import type { CheckContext, CheckRun, Evidence } from './types.js';

const VIEW = PermissionFlagsBits.ViewChannel;

/** Channel types people post messages in (threads are not channels here). */
export const MESSAGE_CHANNEL_TYPES = new Set(['text', 'announcement', 'forum', 'media']);

/** Names that usually mean "staff only" (moderation, logs, admins). */
export const STAFF_NAME = /(^|[^a-z])(mod|mods|moderat\w*|staff|admin\w*|team|logs?|audit\w*)([^a-z]|$)/i;

/** Names that usually mean "the rules". */
export const RULES_NAME = /(rules|regeln|r[eè]gles|reglas|guidelines|code-of-conduct|coc|welcome-and-rules)/i;

/** How a channel is named in evidence: #text, categories and voice channels by their plain name. */
export function channelName(c: ExportChannel): string {
  return MESSAGE_CHANNEL_TYPES.has(c.type_name) ? `#${c.name}` : c.name;
}

/** Evidence for a channel. */
export function channelEvidence(c: ExportChannel, detail?: string): Evidence {
  return detail === undefined ? { id: c.id, name: channelName(c) } : { id: c.id, name: channelName(c), detail };
}

/** True when @everyone cannot see the channel: from the effective-access data when present, else from overwrites. */
export function isPrivate(c: ExportChannel, ctx: CheckContext): boolean {
  const access = ctx.access.get(c.id);
  if (access) return access.private;
  const everyoneId = ctx.everyone?.id;
  let canView = ctx.everyone ? (toBits(ctx.everyone.permissions) & VIEW) === VIEW : true;
  // The category's @everyone overwrite applies first, then the channel's own (synced channels copy it anyway).
  const parent = c.category ? ctx.channelById.get(c.category) : undefined;
  for (const source of [parent, c]) {
    const ow = source?.permission_overwrites.find((o) => o.type === 'role' && o.id === everyoneId);
    if (!ow) continue;
    if ((toBits(ow.deny) & VIEW) === VIEW) canView = false;
    if ((toBits(ow.allow) & VIEW) === VIEW) canView = true;
  }
  return !canView;
}

/** A conclusive result scored as the share of `good` among `total` (pass when nothing is bad). */
export function proportional(bad: number, total: number, failMessage: string, passMessage: string, evidence: Evidence[]): CheckRun {
  if (bad === 0) return { outcome: 'pass', score: 1, message: passMessage };
  const score = total > 0 ? Math.max(0, (total - bad) / total) : 0;
  return { outcome: 'fail', score, message: failMessage, evidence };
}

/** "1 channel" / "3 channels". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Days between a time and the audit's "now", rounded down. */
export function daysBefore(ctx: CheckContext, timeMs: number): number {
  return Math.floor((ctx.now - timeMs) / 86_400_000);
}
