import type { LowerBoundTracker } from './lower-bound.js';
import type { FakeStats } from './types.js';

/** Counts every request and response the fake sees, faults and 429s included. */
export class StatsRecorder {
  private s = StatsRecorder.empty();
  constructor(private bound: LowerBoundTracker) {}

  private static empty(): Omit<FakeStats, 'lowerBoundMs' | 'lowerBoundDetail'> {
    return { requests: 0, byRoute: {}, ratelimited: 0, globalRatelimited: 0, status: {}, firstRequestAt: null, lastResponseAt: null };
  }

  request(routeKey: string): void {
    this.s.requests++;
    this.s.byRoute[routeKey] = (this.s.byRoute[routeKey] ?? 0) + 1;
    this.s.firstRequestAt ??= Date.now();
  }

  ratelimited(global: boolean): void {
    this.s.ratelimited++;
    if (global) this.s.globalRatelimited++;
  }

  response(status: number): void {
    this.s.status[status] = (this.s.status[status] ?? 0) + 1;
    this.s.lastResponseAt = Date.now();
  }

  /** A snapshot (copies, so callers can keep it while the fake keeps counting). */
  snapshot(): FakeStats {
    const lb = this.bound.compute();
    return { ...this.s, byRoute: { ...this.s.byRoute }, status: { ...this.s.status }, lowerBoundMs: lb.ms, lowerBoundDetail: lb.detail };
  }

  reset(): void {
    this.s = StatsRecorder.empty();
    this.bound.reset();
  }
}
