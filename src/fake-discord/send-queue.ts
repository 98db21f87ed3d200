/** How long before a send is due the queue stops sleeping on a timer and checks every event-loop turn (ms). */
const POLL_WINDOW_MS = 2;

/**
 * Runs each response's send at its due time (performance.now() clock), to a fraction of a millisecond.
 * setTimeout alone fires whole milliseconds late (it rounds the delay and then waits for the loop's next
 * timer check): over a two-round-trip export at 25 ms latency that slack was several per cent of the lower
 * bound, charged to the client under test. So the queue sleeps on one timer until just before the earliest
 * due send, then checks every event-loop turn (setImmediate, which still lets I/O through) until it is due.
 */
export class SendQueue {
  private readonly queue: { due: number; send: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  /** Runs `send` at `due` (performance.now() time), or at once if that has passed. */
  at(due: number, send: () => void): void {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].due > due) i--;
    this.queue.splice(i, 0, { due, send });
    this.arm();
  }

  /** Drops every pending send (the server is closing). */
  clear(): void {
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.polling) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const wait = this.queue[0].due - performance.now();
    if (wait <= POLL_WINDOW_MS) {
      this.polling = true;
      setImmediate(this.poll);
    } else {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.arm();
      }, Math.floor(wait - POLL_WINDOW_MS));
    }
  }

  private readonly poll = (): void => {
    while (this.queue.length > 0 && this.queue[0].due <= performance.now()) this.queue.shift()!.send();
    this.polling = false;
    this.arm();
  };
}
