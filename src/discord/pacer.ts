/**
 * Paces bulk requests (e.g. hundreds of archived-thread pages) to a share of the global budget, leaving the rest
 * for the requests on the export's critical path (the member list, whose pages must follow one another). Without
 * it, a burst of bulk requests takes a whole global window and every member page waits behind it.
 * A sliding window: in any `windowMs`, at most `limit` bulk requests start. FIFO.
 */
export class Pacer {
  private readonly starts: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly limit: number, private readonly windowMs = 1000) {}

  /** Resolves when the caller may send. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.wait());
    this.tail = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.starts.length > 0 && this.starts[0] <= now - this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.starts[0] + this.windowMs - now + 1));
    }
  }
}
