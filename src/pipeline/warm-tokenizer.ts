import { loadTokenCounter } from '../audit/tokens.js';

/**
 * Guilds up to this size (by the guild's approximate member count) load the tokenizer during the export.
 * Larger ones load it at the end, as the prompt needs it: on the 100,000-member bench guild, loading it at the
 * first member page raised the peak RSS from ~205 to ~290 MB (two pages before the end, still ~227 MB), with no
 * gain measurable in a tail of several hundred milliseconds.
 */
const TOKENIZER_EARLY_MAX_MEMBERS = 10_000;

/**
 * Loads the prompt's token counter (25-100 ms of CPU: its tables are built on import) while the export waits on
 * Discord, instead of after the last answer, where it was the largest part of a small guild's tail (the demo's
 * whole run: ~470 -> ~415 ms). It starts only once nothing is ready to go that it could hold up: the second round
 * trip's reads are out, and the first member page has been read (so the next page is out too). A page arriving
 * meanwhile waits at most that long, which the tail then no longer pays. A failure here is ignored: it shows
 * again where the prompt needs the counter.
 */
export function warmTokenizer(when: {
  /** The guild (its approximate_member_count says whether the guild is small). */
  guild: Promise<{ approximate_member_count?: number }>;
  /** Settles once the first member page has been read; null when no member scan runs. */
  firstPage: Promise<void> | null;
  secondRoundSent: Promise<void>;
}): void {
  void Promise.all([when.guild, when.firstPage, when.secondRoundSent]).then(([guild]) => {
    const small = when.firstPage === null || (guild.approximate_member_count ?? Infinity) <= TOKENIZER_EARLY_MAX_MEMBERS;
    if (small) setImmediate(() => void loadTokenCounter().catch(() => undefined));
  }, () => undefined);
}
