import type { ProgressEvent } from '../collectors/types.js';
import { formatCount } from '../writers/round.js';

export { removeOwnTemps } from '../pipeline/temp-files.js';

/** Follows an export's progress so an interruption can say what it stopped. */
export class ExportActivity {
  private readonly running = new Set<string>();
  private done = 0;
  private members: { fetched: number; total: number | null } | null = null;
  private readonly started = Date.now();

  readonly onEvent = (event: ProgressEvent): void => {
    if (event.type === 'start') this.running.add(event.collector);
    else if (event.type === 'done') {
      this.running.delete(event.collector);
      this.done++;
    } else this.members = { fetched: event.fetched, total: event.total };
  };

  /** One line: what was running, how far the member scan got, what happened to the files. */
  describe(signal: string, outDir: string, removed: number): string {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const parts = [`Interrupted by ${signal} after ${seconds} s: the export was stopped`];
    if (this.running.size > 0) parts.push(` while running ${[...this.running].join(', ')}`);
    else if (this.done > 0) parts.push(' while writing the output files');
    else parts.push(' before the first answer from Discord');
    if (this.members) {
      const total = this.members.total ? ` of ~${formatCount(this.members.total)}` : '';
      parts.push(` (member scan at ${formatCount(this.members.fetched)}${total})`);
    }
    parts.push(`. ${removed > 0 ? `Removed ${removed} temporary file(s) from ${outDir}; ` : ''}files already in ${outDir} were left as they were.`);
    return parts.join('');
  }
}
