/**
 * The client's share of Discord's global budget (50 requests per second per bot token), kept as a sliding window:
 * in any `windowMs`, at most `limit` requests start, and while a critical chain is under way (the member list, whose
 * pages must follow one another: see reserve) bulk requests (hundreds of archived-thread pages) at most `bulkLimit`
 * of them, so each page finds room at once. Critical requests go first; each tier is FIFO.
 *
 * Why a sliding window of our own: @discordjs/rest counts the global budget in fixed one-second windows that open
 * at its first send, and Discord's windows open on its own clock. Fifty requests at the end of one client window
 * and fifty at the start of the next both fit the client's count and still land in one of Discord's windows: a
 * global 429 (measured on a 100,000-member guild at Discord's limits: 6-18 of them per export, after each member
 * bucket reset let ten pages through beside the thread reads). With at most `limit` starts in any window a little
 * longer than Discord's (the offset covers clock skew and one request's latency differing from another's), every
 * window Discord can draw sees at most `limit` arrivals. The margin below Discord's figure covers the few requests
 * that leave later than they were counted: one that @discordjs/rest holds for its bucket's reset (the next member
 * page, once per reset), one that waits for a new connection's handshake.
 */
export class GlobalBudget {
  /** Start times in the current window, oldest first, and which of them were bulk. */
  private readonly starts: { at: number; bulk: boolean }[] = [];
  private bulkStarts = 0;
  private readonly critical: (() => void)[] = [];
  private readonly bulk: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Critical chains under way (reserve()): only while one is, bulk requests are kept to bulkLimit. */
  private chains = 0;

  constructor(private readonly limit: number, private readonly bulkLimit: number, private readonly windowMs = 1000) {}

  /**
   * The budget for Discord's global limit of `perSecond` in one-second windows: a small margin below it, a tenth
   * of it kept from bulk requests, the window longer by `offsetMs`.
   */
  static forGlobalLimit(perSecond: number, offsetMs = 50): GlobalBudget {
    const limit = Math.max(1, perSecond - Math.max(2, Math.ceil(perSecond * 0.04)));
    return new GlobalBudget(limit, Math.max(1, limit - Math.max(1, Math.ceil(perSecond * 0.1))), 1000 + Math.max(0, offsetMs));
  }

  /**
   * Keeps bulk requests to their share until `chain` settles: a chain of critical requests (the member list, page
   * after page) is under way and each page must find room at once. Without one, bulk requests may take the whole
   * budget (a guild with many channels and few members is bound by the global limit, not by its member list).
   */
  reserve(chain: Promise<unknown>): void {
    this.chains++;
    const done = () => {
      this.chains--;
      this.pump();
    };
    chain.then(done, done);
  }

  /** Resolves when the caller may send (a bulk request, or one on the critical path). */
  acquire(bulk = false): Promise<void> {
    return new Promise((resolve) => {
      (bulk ? this.bulk : this.critical).push(resolve);
      this.pump();
    });
  }

  private pump(): void {
    const now = performance.now();
    while (this.starts.length > 0 && this.starts[0].at <= now - this.windowMs) {
      if (this.starts.shift()!.bulk) this.bulkStarts--;
    }
    while (this.starts.length < this.limit) {
      // A critical request whenever there is room; a bulk one only when none waits and bulk has room of its own.
      const bulk = this.critical.length === 0;
      if (bulk && (this.bulk.length === 0 || (this.chains > 0 && this.bulkStarts >= this.bulkLimit))) break;
      this.starts.push({ at: now, bulk });
      if (bulk) this.bulkStarts++;
      (bulk ? this.bulk : this.critical).shift()!();
    }
    // Someone still waits: look again when the oldest start leaves the window.
    if ((this.critical.length > 0 || this.bulk.length > 0) && !this.timer && this.starts.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, Math.max(1, Math.ceil(this.starts[0].at + this.windowMs - now)));
    }
  }
}
