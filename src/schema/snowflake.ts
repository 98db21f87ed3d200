const DISCORD_EPOCH = 1420070400000n;

/** True for a Discord id: 17 to 20 decimal digits. */
export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^\d{17,20}$/.test(value);
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** ISO timestamp encoded in a snowflake. */
export function snowflakeDate(id: string): string {
  return new Date(snowflakeTime(id)).toISOString();
}

/** A snowflake for a moment (worker/sequence bits from `seq`), used by the fake and tests. */
export function makeSnowflake(timeMs: number, seq = 0): string {
  return (((BigInt(timeMs) - DISCORD_EPOCH) << 22n) | BigInt(seq & 0x3fffff)).toString();
}

/** Numeric comparison of two snowflakes (string compare is wrong when lengths differ). */
export function compareSnowflakes(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
