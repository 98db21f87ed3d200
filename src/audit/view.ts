import type { GuildExport } from '../schema/types.js';
import { SECTIONS, type Coverage, type Section } from '../schema/coverage.js';

/** Thrown by the view when a check reads a section that was not collected; the runner makes it not_applicable. */
export class NotCollectedSignal {
  constructor(readonly section: Section, readonly reason: string) {}
}

const SECTION_SET = new Set<string>(SECTIONS);

/**
 * The export as a check sees it: reading a section records it in `reads`, and reading one that was not collected
 * throws NotCollectedSignal instead of handing out an empty list. So no check can pass on data it did not have,
 * and no check keeps a list of what it needs: the view learns it from what the check reads.
 */
export function exportView(exp: GuildExport, coverage: ReadonlyMap<Section, Coverage>, reads: Set<Section>): GuildExport {
  return new Proxy(exp, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && SECTION_SET.has(prop)) {
        const section = prop as Section;
        reads.add(section);
        const c = coverage.get(section);
        if (c?.state === 'not_collected') throw new NotCollectedSignal(section, c.reason);
      }
      return Reflect.get(target, prop, receiver);
    },
    set() {
      return false; // checks are pure over the export
    },
  });
}
