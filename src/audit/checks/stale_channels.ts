import type { CheckContext, CheckMeta, CheckRun } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { snowflakeTime, isSnowflake } from '../../schema/snowflake.js';
import { channelEvidence, daysBefore, MESSAGE_CHANNEL_TYPES, plural, proportional } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'stale_channels',
  title: 'Stale channels',
  name: 'Channel activity',
  category: 'channels',
  severity: 'low',
  motivation: 'Channels nobody has written in for months dilute the server, hide the active ones and still need moderating.',
  remediation: { text: 'Archive (move to a read-only "Archive" category) or delete channels with no messages for months.', effort: 'low' },
};

/** Newest activity in a channel: its last message, or a newer message in one of its threads. */
function lastActivity(id: string, own: string | null, threadLast: Map<string, number>): number | null {
  const t = own && isSnowflake(own) ? snowflakeTime(own) : null;
  const th = threadLast.get(id) ?? null;
  if (t === null) return th;
  return th === null ? t : Math.max(t, th);
}

/** Fails for message channels whose newest message (from last_message_id snowflakes) is older than `stale_days`. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const days = ctx.thresholds.stale_days;
  const s = exp.server;
  // Info channels are read-only by design; silence there is not staleness.
  const exempt = new Set([s?.rules_channel_id, s?.public_updates_channel_id, s?.safety_alerts_channel_id].filter(Boolean));
  const threadLast = new Map<string, number>();
  for (const t of exp.threads) {
    if (!t.parent || !t.last_message_id || !isSnowflake(t.last_message_id)) continue;
    threadLast.set(t.parent, Math.max(threadLast.get(t.parent) ?? 0, snowflakeTime(t.last_message_id)));
  }
  const channels = exp.channels.filter((c) => MESSAGE_CHANNEL_TYPES.has(c.type_name) && !exempt.has(c.id));
  const stale = [];
  for (const c of channels) {
    const last = lastActivity(c.id, c.last_message_id, threadLast);
    // A channel never written in is judged by its own age: a new empty channel is not stale yet.
    const reference = last ?? (isSnowflake(c.id) ? snowflakeTime(c.id) : null);
    if (reference === null) continue;
    const age = daysBefore(ctx, reference);
    // Dates, not "N days ago": snapshot.md must not change just because a day passed.
    const date = new Date(reference).toISOString().slice(0, 10);
    if (age >= days) stale.push(channelEvidence(c, last === null ? `no messages since creation on ${date}` : `last message ${date}`));
  }
  return proportional(
    stale.length,
    channels.length,
    `${plural(stale.length, 'channel')} of ${channels.length} had no message for ${days}+ days.`,
    channels.length ? `Every message channel had a message within ${days} days.` : 'No message channels to judge.',
    stale,
  );
}
