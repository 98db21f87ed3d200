import type { BucketLimit } from './types.js';

/**
 * Tracks the requests the fake actually served (never 429s, never injected faults) and derives the least
 * wall time any client could have needed for them under the configured limits. With L = latencyMs:
 *
 *   global:  (ceil(N / G) - 1) * Wg + L            N served requests, G per global window Wg
 *   bucket:  (ceil(n / l) - 1) * w + L             per bucket + major parameter key, l per window w
 *   chain:   ceil(t / s) * L                       per paginated route + major: t pages, s chain starts
 *                                                  (a page with no cursor, or cursor "0"); each later page
 *                                                  needs the cursor from the previous response, so at
 *                                                  least one chain is ceil(t/s) round trips long
 *   floor:   L                                     one round trip, when anything was served
 *
 * The bound is the largest of these: each is a constraint no schedule can beat, so their max is too.
 */
export class LowerBoundTracker {
  private served = 0;
  private buckets = new Map<string, { n: number; limit: BucketLimit }>();
  private chains = new Map<string, { total: number; starts: number }>();

  constructor(private globalLimit: BucketLimit, private latencyMs: number) {}

  /** Records one served request. `cursor` is the after/before value for paginated routes, else undefined. */
  record(bucketKey: string, limit: BucketLimit, chainKey: string | null, cursor: string | null): void {
    this.served++;
    const b = this.buckets.get(bucketKey) ?? { n: 0, limit };
    b.n++;
    this.buckets.set(bucketKey, b);
    if (chainKey) {
      const c = this.chains.get(chainKey) ?? { total: 0, starts: 0 };
      c.total++;
      if (!cursor || cursor === '0') c.starts++;
      this.chains.set(chainKey, c);
    }
  }

  /** Counts a request in one more bucket (a write that also spends a long bucket), without counting it twice globally. */
  recordExtra(bucketKey: string, limit: BucketLimit): void {
    const b = this.buckets.get(bucketKey) ?? { n: 0, limit };
    b.n++;
    this.buckets.set(bucketKey, b);
  }

  reset(): void {
    this.served = 0;
    this.buckets.clear();
    this.chains.clear();
  }

  /** The bound in ms and a sentence naming the constraint that set it. */
  compute(): { ms: number; detail: string } {
    const L = this.latencyMs;
    if (this.served === 0) return { ms: 0, detail: 'no requests served' };
    let best = { ms: L, detail: `latency: one round trip of ${L} ms` };
    const consider = (ms: number, detail: string) => { if (ms > best.ms) best = { ms, detail }; };
    const g = this.globalLimit;
    consider((Math.ceil(this.served / g.limit) - 1) * g.windowMs + L,
      `global: ${this.served} requests at ${g.limit} per ${g.windowMs} ms`);
    for (const [key, { n, limit }] of this.buckets) {
      consider((Math.ceil(n / limit.limit) - 1) * limit.windowMs + L, `bucket ${key}: ${n} requests at ${limit.limit} per ${limit.windowMs} ms`);
    }
    for (const [key, { total, starts }] of this.chains) {
      const len = Math.ceil(total / Math.max(1, starts));
      consider(len * L, `chain ${key}: ${len} sequential pages x ${L} ms latency`);
    }
    return best;
  }
}
