import type { DiscordApi } from '../discord/api.js';
import { ExportNotice, PayloadError, PAYLOAD_HINT, routeName } from '../discord/errors.js';
import type { CollectContext } from './types.js';

type Query = Parameters<DiscordApi['get']>[1];

/** What a field must be. `bits`: a permission bitfield (a decimal string, or a whole number). */
export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'bits';

/** The fields the exporter needs from an answer or a record, by dotted path ("user.id"). */
export type Shape = Record<string, FieldKind>;

const KIND_TEXT: Record<FieldKind, string> = {
  string: 'a string', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object', bits: 'a permission bitfield',
};


function fits(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'bits': return (typeof value === 'string' && /^\d{1,40}$/.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
    default: return typeof value === kind;
  }
}

/** Why `value` does not have `shape` ("no `user`", "`id` is not a string"), or null when it does. */
export function shapeProblem(value: unknown, shape: Shape): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  for (const [path, kind] of Object.entries(shape)) {
    let at: unknown = value;
    const keys = path.split('.');
    for (const [i, key] of keys.entries()) {
      // Name the outermost thing that is missing: a member with no `user` has no `user`, not no `user.id`.
      if (i > 0 && !fits(at, 'object')) return `\`${keys.slice(0, i).join('.')}\` is not ${KIND_TEXT.object}`;
      at = (at as Record<string, unknown>)[key];
      if (at === undefined || at === null) return `no \`${keys.slice(0, i + 1).join('.')}\``;
    }
    if (!fits(at, kind)) return `\`${path}\` is not ${KIND_TEXT[kind]}`;
  }
  return null;
}

/** An answer with every field in `shape`; otherwise a PayloadError naming the route and the field. */
export function readObject<T>(route: string, body: unknown, shape: Shape = {}): T {
  const problem = shapeProblem(body, shape);
  if (problem === 'not an object') throw new PayloadError(`Discord's answer to GET ${routeName(route)} is not an object.`);
  if (problem?.startsWith('no ')) throw new PayloadError(`Discord's answer to GET ${routeName(route)} has ${problem}.`);
  if (problem) throw new PayloadError(`Discord's answer to GET ${routeName(route)} cannot be read: ${problem}.`);
  return body as T;
}

/**
 * Records of a list answer that have every field in `shape`, the rest counted in `skipped` (one bad record costs
 * that record, not the list). Throws a PayloadError when the answer (or its `field`) is not a list at all.
 */
export function readList<T>(route: string, body: unknown, shape: Shape, field?: string): { items: T[]; skipped: SkipTally } {
  let list: unknown = body;
  if (field !== undefined) list = readObject<Record<string, unknown>>(route, body, { [field]: 'array' })[field];
  if (!Array.isArray(list)) throw new PayloadError(`Discord's answer to GET ${routeName(route)} is not a list.`);
  const items: T[] = [];
  const skipped = new SkipTally(route);
  for (const record of list) {
    const problem = shapeProblem(record, shape);
    if (problem) skipped.add(problem);
    else items.push(record as T);
  }
  return { items, skipped };
}

/** Records skipped from one route's answers, by reason: turned into one partial notice for the collector. */
export class SkipTally {
  private readonly reasons = new Map<string, number>();
  constructor(readonly route: string) {}

  get total(): number {
    let n = 0;
    for (const count of this.reasons.values()) n += count;
    return n;
  }

  add(reason: string, count = 1): void {
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + count);
  }

  merge(other: SkipTally): void {
    for (const [reason, count] of other.reasons) this.add(reason, count);
  }

  /** The partial notice ("12 member record(s) ... were skipped (no `user`: 12)"), or null when nothing was skipped. */
  notice(what: string): ExportNotice | null {
    const total = this.total;
    if (total === 0) return null;
    const why = [...this.reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason}: ${n}`);
    return new ExportNotice(
      `${total} ${what} record(s) in Discord's answer to GET ${routeName(this.route)} could not be read and were skipped (${why.join('; ')}); the others were exported.`,
      PAYLOAD_HINT, 'MALFORMED_RECORDS', null,
    );
  }
}

/**
 * GETs a list route and keeps the records that have `shape`; the others make the collector partial with one
 * notice saying how many were skipped and why. `field` names the list inside an object answer (`{items: [...]}`).
 */
export async function getList<T>(
  ctx: CollectContext, route: `/${string}`, shape: Shape, what: string, options: { query?: Query; field?: string } = {},
): Promise<T[]> {
  const { items, skipped } = readList<T>(route, await ctx.api.get<unknown>(route, options.query), shape, options.field);
  const notice = skipped.notice(what);
  if (notice) ctx.partial(notice);
  return items;
}

/** GETs an object route and checks it has `shape` (else a PayloadError naming the route and the field). */
export async function getObject<T>(ctx: CollectContext, route: `/${string}`, shape: Shape = {}, query?: Query): Promise<T> {
  return readObject<T>(route, await ctx.api.get<unknown>(route, query), shape);
}
