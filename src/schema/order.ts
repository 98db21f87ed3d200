import { compareSnowflakes, isSnowflake } from './snowflake.js';

/**
 * Code-unit string order. Unlike localeCompare it is the same on every machine and Node version (ICU's collation
 * changes between releases, and the Action runs on a newer Node than most laptops), and it needs no ICU
 * collator, whose first use costs a few milliseconds.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids in order: snowflakes numerically (string order is wrong when their lengths differ), anything else as text. */
export function compareIds(a: string, b: string): number {
  return isSnowflake(a) && isSnowflake(b) ? compareSnowflakes(a, b) : compareText(a, b);
}
