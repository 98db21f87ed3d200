import { compareSnowflakes, makeSnowflake } from '../schema/snowflake.js';
import type { FakeGuild } from './types.js';

/**
 * A new id for something created in `g`: a snowflake for now, and above every id the guild already holds
 * (generated guilds may be dated in the future), so ids keep sorting in creation order as Discord's do.
 */
export function nextId(g: FakeGuild): string {
  let max = g.guild.id;
  const consider = (id: string | null) => { if (id && compareSnowflakes(id, max) > 0) max = id; };
  for (const list of [g.guild.roles, g.guild.emojis, g.channels, g.threads, g.automodRules, g.stickers]) for (const x of list) consider(x.id);
  for (const p of g.onboarding.prompts) { consider(p.id); for (const o of p.options) consider(o.id); }
  const now = makeSnowflake(Date.now());
  return compareSnowflakes(now, max) > 0 ? now : (BigInt(max) + 1n).toString();
}
