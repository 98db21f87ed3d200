import type { APIGuildMember } from 'discord-api-types/v10';
import { compareSnowflakes, makeSnowflake } from '../schema/snowflake.js';
import { createRng } from './prng.js';
import type { FakeGuild } from './types.js';

const DAY = 86_400_000;
/** Sequence bits no GuildBuilder id reaches (it counts up from 1), so generated ids never collide with built ones. */
const SEQ = 0x3ffffe;

/**
 * Members made on demand from (seed, index), so a 1,000,000-member guild costs a few numbers, not a million objects:
 * ids rise with the index (the order the members list pages in), and member i is the same on every request.
 */
export class LazyMembers {
  private counts: Record<string, number> | null = null;
  private readonly base: number;

  constructor(
    readonly count: number,
    seed: number | string,
    private readonly from: number,
    private readonly to: number,
    /** Custom roles a member may hold, each with the chance of holding it. */
    private readonly roles: { id: string; chance: number }[],
    private readonly names: readonly string[],
  ) {
    this.base = createRng(seed).int(0, 0x7fffffff);
  }

  private step(): number {
    return Math.max(1, Math.floor((this.to - this.from) / Math.max(1, this.count)));
  }

  idAt(i: number): string {
    return makeSnowflake(this.from + i * this.step(), SEQ);
  }

  at(i: number): APIGuildMember {
    // A numeric seed per member (a string one costs a hash per member: a million of them show in the counts route).
    const rng = createRng((Math.imul(this.base, 0x9e3779b1) + Math.imul(i, 0x85ebca6b)) >>> 0);
    const id = this.idAt(i);
    const name = `${rng.pick(this.names)}${rng.pick(this.names)}${i}`;
    const roles = this.roles.filter((r) => rng.chance(r.chance)).map((r) => r.id);
    const created = this.from + i * this.step();
    const joined = Math.min(this.to, created + DAY + rng.int(0, 900) * DAY);
    return {
      user: { id, username: name, discriminator: '0', global_name: name, avatar: null },
      nick: null, avatar: null, banner: null, roles, joined_at: new Date(joined).toISOString(), premium_since: null,
      deaf: false, mute: false, flags: 0 as APIGuildMember['flags'], pending: false, communication_disabled_until: null,
    };
  }

  /** The first index whose id is above `after`. */
  indexAfter(after: string): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareSnowflakes(this.idAt(mid), after) > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  byId(id: string): APIGuildMember | null {
    const i = this.indexAfter(id) - 1;
    return i >= 0 && this.idAt(i) === id ? this.at(i) : null;
  }

  /** role id -> members holding it, counted once (numbers only) and kept. */
  roleCounts(): Record<string, number> {
    if (this.counts) return this.counts;
    const counts: Record<string, number> = {};
    for (const r of this.roles) counts[r.id] = 0;
    for (let i = 0; i < this.count; i++) for (const id of this.at(i).roles) counts[id]++;
    return (this.counts = counts);
  }
}

/** Every member of the guild: the built ones and the generated ones. */
export function memberTotal(guild: FakeGuild): number {
  return guild.members.length + (guild.lazyMembers?.count ?? 0);
}

/** One member by user id, built or generated. */
export function findMember(guild: FakeGuild, id: string): APIGuildMember | null {
  return guild.members.find((m) => m.user.id === id) ?? guild.lazyMembers?.byId(id) ?? null;
}

/** Up to `limit` members above `after`, by ascending id, built and generated merged. */
export function lazyPage(guild: FakeGuild, lazy: LazyMembers, after: string, limit: number): APIGuildMember[] {
  const built = guild.members.filter((m) => compareSnowflakes(m.user.id, after) > 0).slice(0, limit);
  const start = lazy.indexAfter(after);
  const made: APIGuildMember[] = [];
  for (let i = start; i < Math.min(lazy.count, start + limit); i++) made.push(lazy.at(i));
  return [...built, ...made].sort((a, b) => compareSnowflakes(a.user.id, b.user.id)).slice(0, limit);
}
