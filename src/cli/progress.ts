import type { ProgressEvent } from '../collectors/types.js';
import { formatCount } from '../writers/round.js';

/**
 * Progress for humans: on a TTY one line redrawn in place (collectors done / running, members fetched / total);
 * elsewhere (CI logs, pipes) plain lines, one per finished collector and a member count every 10,000.
 */
export function createProgress(stream: NodeJS.WriteStream, total: number): { onEvent: (e: ProgressEvent) => void; finish: () => void } {
  const tty = stream.isTTY === true;
  const running = new Set<string>();
  let done = 0;
  let members = '';
  let lastMembersLine = 0;
  let lastDraw = 0;
  const draw = (force = false) => {
    // At most ~20 redraws a second: a terminal flooded with escape codes slows the export it reports on.
    const now = Date.now();
    if (!force && now - lastDraw < 50) return;
    lastDraw = now;
    const line = `collectors ${done}/${total}${running.size ? ` (running: ${[...running].slice(0, 4).join(', ')}${running.size > 4 ? ', …' : ''})` : ''}${members ? ` | members ${members}` : ''}`;
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 120) - 1)}`);
  };
  return {
    onEvent(e) {
      if (e.type === 'start') running.add(e.collector);
      else if (e.type === 'done') {
        running.delete(e.collector);
        done++;
        if (!tty) stream.write(`${e.status === 'ok' ? 'ok     ' : e.status === 'partial' ? 'partial' : 'FAILED '} ${e.collector} (${e.count})\n`);
      } else {
        members = e.total ? `${formatCount(e.fetched)} / ~${formatCount(e.total)}` : formatCount(e.fetched);
        if (!tty && e.fetched - lastMembersLine >= 10_000) {
          lastMembersLine = e.fetched;
          stream.write(`members ${members}\n`);
        }
      }
      if (tty) draw(e.type === 'done');
    },
    finish() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}
