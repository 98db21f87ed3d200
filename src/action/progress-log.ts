import type { ProgressEvent } from '../collectors/types.js';
import { formatCount } from '../writers/round.js';
import { logLine } from '../text/escape.js';

/** How often the member scan reports while it runs: often enough to show life, rare enough to keep the log short. */
export const MEMBER_PROGRESS_INTERVAL_MS = 10_000;

/**
 * The export's progress as Actions log lines: one per collector as it ends (status and item count), and the member
 * scan's count every ~10 s plus once when it ends, so a long export is never silent.
 */
export function createActionProgress(
  print: (line: string) => void,
  options: { now?: () => number; intervalMs?: number } = {},
): { onEvent: (event: ProgressEvent) => void; finish: () => void } {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? MEMBER_PROGRESS_INTERVAL_MS;
  const started = now();
  let lastMembers: { fetched: number; total: number | null } | null = null;
  let lastPrinted = started;
  let printedCount = -1;
  const out = (line: string) => print(logLine(line));
  const membersLine = (m: { fetched: number; total: number | null }) =>
    `Members: ${formatCount(m.fetched)}${m.total ? ` of ~${formatCount(m.total)}` : ''} read (${Math.round((now() - started) / 1000)} s)`;
  return {
    onEvent(event) {
      if (event.type === 'done') {
        const status = event.status === 'ok' ? 'done' : event.status === 'partial' ? 'partial' : 'FAILED';
        out(`${event.collector}: ${status} (${formatCount(event.count)})`);
      } else if (event.type === 'members') {
        lastMembers = { fetched: event.fetched, total: event.total };
        if (now() - lastPrinted >= interval) {
          lastPrinted = now();
          printedCount = event.fetched;
          out(membersLine(lastMembers));
        }
      }
    },
    finish() {
      // The final count, unless the last periodic line already said it.
      if (lastMembers && lastMembers.fetched !== printedCount && now() - started >= interval) out(membersLine(lastMembers));
    },
  };
}
