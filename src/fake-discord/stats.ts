import type { LowerBoundTracker } from './lower-bound.js';
import type { FakeStats, TraceEntry, WriteRecord } from './types.js';

const now = () => performance.timeOrigin + performance.now();

/** Counts every request and response the fake sees, faults and 429s included. */
export class StatsRecorder {
  private s = StatsRecorder.empty();
  private trace: TraceEntry[] | null;
  constructor(private bound: LowerBoundTracker, trace = false) {
    this.trace = trace ? [] : null;
  }

  private static empty(): Omit<FakeStats, 'lowerBoundMs' | 'lowerBoundDetail'> & { okWrites: number } {
    return { requests: 0, writes: [], refusedWrites: 0, okWrites: 0, byRoute: {}, ratelimited: 0, globalRatelimited: 0, status: {}, connections: 0, firstRequestAt: null, lastResponseAt: null };
  }

  /** Counts a request (arrivedAt: performance.now() when it came in); returns its timeline entry (null when not tracing) for response(). */
  request(routeKey: string, path: string, arrivedAt = performance.now()): TraceEntry | null {
    this.s.requests++;
    this.s.byRoute[routeKey] = (this.s.byRoute[routeKey] ?? 0) + 1;
    const t = performance.timeOrigin + arrivedAt;
    this.s.firstRequestAt ??= t;
    if (!this.trace) return null;
    const entry: TraceEntry = { path, arrivedMs: t - this.s.firstRequestAt, sentMs: null, status: null };
    this.trace.push(entry);
    return entry;
  }

  /** Records a write as it arrives; answered() fills in its status. */
  write(method: string, path: string, reason: string | null): WriteRecord {
    const w: WriteRecord = { method, path, status: null, reason };
    this.s.writes.push(w);
    return w;
  }

  /** Sets a write's status; 4xx other than 429 count as refused. Returns how many writes have succeeded. */
  answered(w: WriteRecord, status: number): number {
    w.status = status;
    if (status >= 400 && status < 500 && status !== 429) this.s.refusedWrites++;
    if (status >= 200 && status < 300) this.s.okWrites++;
    return this.s.okWrites;
  }

  connection(): void {
    this.s.connections++;
  }

  ratelimited(global: boolean): void {
    this.s.ratelimited++;
    if (global) this.s.globalRatelimited++;
  }

  response(status: number, entry: TraceEntry | null = null): void {
    this.s.status[status] = (this.s.status[status] ?? 0) + 1;
    this.s.lastResponseAt = now();
    if (entry) Object.assign(entry, { sentMs: this.s.lastResponseAt - (this.s.firstRequestAt ?? 0), status });
  }

  /** A snapshot (copies, so callers can keep it while the fake keeps counting). */
  snapshot(): FakeStats {
    const lb = this.bound.compute();
    const { okWrites: _ok, ...counts } = this.s;
    const snap: FakeStats = { ...counts, writes: this.s.writes.map((w) => ({ ...w })), byRoute: { ...this.s.byRoute }, status: { ...this.s.status }, lowerBoundMs: lb.ms, lowerBoundDetail: lb.detail };
    if (this.trace) snap.trace = this.trace.map((e) => ({ ...e }));
    return snap;
  }

  reset(): void {
    this.s = StatsRecorder.empty();
    if (this.trace) this.trace = [];
    this.bound.reset();
  }
}
