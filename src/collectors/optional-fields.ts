import { compareSnowflakes, isSnowflake } from '../schema/snowflake.js';
import type { DefaultReactionEmoji, Snowflake } from '../schema/types.js';

/*
 * Readers for fields a restore needs but a Discord-compatible server may leave out or fill with something else: each
 * answers null (or an empty list) for anything that is not the expected kind, so an odd payload costs that field,
 * never the collector, and a restore never sends Discord a value it would refuse.
 */

/** A whole number, or null. */
export function intOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** A string, or null. */
export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A snowflake id, or null. */
export function idOrNull(value: unknown): Snowflake | null {
  return isSnowflake(value) ? value : null;
}

/** The snowflake ids in a list, sorted and without repeats (anything else dropped). */
export function idList(value: unknown): Snowflake[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter(isSnowflake))].sort(compareSnowflakes);
}

/** `{emoji_id, emoji_name}` of a forum's default reaction, or null when it has neither. */
export function reactionEmoji(value: unknown): DefaultReactionEmoji | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const emoji = { emoji_id: idOrNull(v.emoji_id), emoji_name: textOrNull(v.emoji_name) };
  return emoji.emoji_id === null && emoji.emoji_name === null ? null : emoji;
}
