import type { GuildExport } from '../../schema/types.js';
import { notCollected } from '../../schema/coverage.js';
import { compareSnowflakes } from '../../schema/snowflake.js';
import { compareText } from '../../schema/order.js';
import { mdCell } from '../../text/escape.js';

/** A markdown table cell (see mdCell): outside text made inert, `empty` for blank values. */
export function cell(value: string | number | boolean | null | undefined, empty = '-'): string {
  return mdCell(value, empty);
}

/** A markdown table, or `empty` (in italics) when there are no rows. */
export function table(header: string[], rows: (string | number | boolean | null | undefined)[][], empty = 'None.'): string {
  if (rows.length === 0) return `_${empty}_\n`;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map((r) => line(r.map((c) => cell(c))))].join('\n') + '\n';
}

/** A section: "## title", a blank line, then the body. */
export function section(title: string, body: string): string {
  return `## ${title}\n\n${body.endsWith('\n') ? body : `${body}\n`}`;
}

/** Copies and sorts items by position (then id), the order Discord's own lists use. */
export function byPosition<T extends { position: number; id: string }>(items: readonly T[], descending = false): T[] {
  return [...items].sort((a, b) => (descending ? b.position - a.position : a.position - b.position) || compareSnowflakes(a.id, b.id));
}

/** Copies and sorts items by name (code-unit order, the same on every machine), then id. */
export function byName<T extends { name: string | null; id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name ?? '', b.name ?? '') || compareSnowflakes(a.id, b.id));
}

/** Resolves channel and role ids to readable names ("#general", "@Moderators"); unknown ids read "(unknown)". */
export class Names {
  private readonly channels = new Map<string, string>();
  private readonly roles = new Map<string, string>();
  private readonly rolesMissing: boolean;

  constructor(exp: GuildExport) {
    for (const c of [...exp.channels, ...exp.threads]) this.channels.set(c.id, c.name);
    // @everyone's id is the guild's: it is @everyone whether or not the roles were read.
    if (exp.meta?.scope?.guild_id) this.roles.set(exp.meta.scope.guild_id, 'everyone');
    for (const r of exp.roles) this.roles.set(r.id, r.is_everyone ? 'everyone' : r.name);
    this.rolesMissing = notCollected(exp, 'roles') !== null;
  }

  channel(id: string | null | undefined, none = '-'): string {
    if (!id) return none;
    const name = this.channels.get(id);
    return name === undefined ? '(unknown channel)' : `#${name}`;
  }

  role(id: string): string {
    const name = this.roles.get(id);
    if (name === undefined) return this.rolesMissing ? `role ${id} (not collected)` : '(unknown role)';
    return `@${name}`;
  }

  /** Role names for ids, sorted by text so input order never shows. */
  roleList(ids: readonly string[], none = '-'): string {
    return ids.length === 0 ? none : ids.map((id) => this.role(id)).sort(compareText).join(', ');
  }
}

/** Permission flag names, or "none". */
export function perms(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/** "#rrggbb", or "default" for 0. */
export function colour(value: number): string {
  return value === 0 ? 'default' : `#${value.toString(16).padStart(6, '0')}`;
}

/** A label from a lookup table, falling back to the raw number. */
export function label(labels: readonly string[], value: number): string {
  return labels[value] ?? `unknown (${value})`;
}

/**
 * A time as a reader scans it, "2026-12-08 14:00 UTC", from the ISO string Discord sends ("2026-12-08T14:00:00.000000+00:00");
 * null stays empty, and a string that is not a time is shown as it came rather than as a wrong date.
 */
export function utcTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
