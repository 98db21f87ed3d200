import { oneLine } from '../text/escape.js';
import type { PlannedOp } from './types.js';

/** Apply's progress on stderr: one line redrawn in place on a TTY, a line per write elsewhere (CI logs). */
export function createApplyProgress(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY === true;
  return {
    step(done: number, total: number, step: PlannedOp) {
      const line = `apply ${done + 1}/${total}: ${step.op.action} ${step.op.kind} ${oneLine(step.op.name, 80)}`;
      stream.write(tty ? `\r\x1b[2K${line.slice(0, (stream.columns || 120) - 1)}` : `${line}\n`);
    },
    wait(seconds: number, step: PlannedOp) {
      stream.write(`${tty ? '\r\x1b[2K' : ''}waiting ${seconds} s for Discord's limit before: ${step.op.action} ${step.op.kind} ${oneLine(step.op.name, 80)} (stop with Ctrl+C and run apply again later: it carries on)\n`);
    },
    finish() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}
