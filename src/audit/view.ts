import type { GuildExport } from '../schema/types.js';
import { SECTIONS, type Coverage, type Section } from '../schema/coverage.js';

/** Thrown by the view when a check reads a section that was not collected; the runner makes it not_applicable. */
export class NotCollectedSignal extends Error {
  constructor(readonly section: string, readonly reason: string) {
    super(`${section} not collected: ${reason}`);
    this.name = 'NotCollectedSignal';
  }
}

const SECTION_SET = new Set<string>(SECTIONS);

/**
 * The export as a check sees it: reading a section records it in `reads`, and reading one that was not collected
 * throws NotCollectedSignal instead of handing out an empty list. So no check can pass on data it did not have,
 * and no check keeps a list of what it needs: the view learns it from what the check reads.
 */
export function exportView(exp: GuildExport, coverage: ReadonlyMap<Section, Coverage>, reads: Set<Section>): GuildExport {
  const leftOut = leftOutFields(exp);
  return new Proxy(exp, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && SECTION_SET.has(prop)) {
        const section = prop as Section;
        reads.add(section);
        const c = coverage.get(section);
        if (c?.state === 'not_collected') throw new NotCollectedSignal(section, c.reason);
        const fields = leftOut.get(section);
        const value: unknown = Reflect.get(target, prop, receiver);
        if (fields) return guardFields(value, section, fields);
        return value;
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
    set() {
      return false; // checks are pure over the export
    },
  });
}

/** Fields a snapshot.json holds only a placeholder for (meta.left_out, "section.field"), by section. */
function leftOutFields(exp: GuildExport): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const list = Array.isArray(exp.meta?.left_out) ? exp.meta.left_out : [];
  for (const entry of list) {
    if (typeof entry !== 'string' || !entry.includes('.')) continue;
    const [section, field] = [entry.slice(0, entry.indexOf('.')), entry.slice(entry.indexOf('.') + 1)];
    map.set(section, (map.get(section) ?? new Set()).add(field));
  }
  return map;
}

/** A section whose items (or the object itself) throw NotCollectedSignal when a left-out field is read. */
function guardFields(value: unknown, section: string, fields: Set<string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const guardItem = (item: unknown): unknown => (item !== null && typeof item === 'object' ? new Proxy(item, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && fields.has(prop)) {
        throw new NotCollectedSignal(`${section}.${prop}`, 'snapshot.json leaves this field out; audit the export.json of a run instead');
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) : item);
  if (!Array.isArray(value)) return guardItem(value);
  return new Proxy(value, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof prop === 'string' && /^\d+$/.test(prop) ? guardItem(v) : v;
    },
  });
}
