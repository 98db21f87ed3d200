import type { GuildExport } from './types.js';
import { coverageMap, isNotCollectedMarker, OBJECT_SECTIONS, SECTIONS, type NotCollectedMarker, type Section } from './coverage.js';

/**
 * export.json's and snapshot.json's form of "not collected" (schema 2.x): a list section that was not collected is
 * null, an object section (where null already means "none") is {"not_collected": "<why>"}. In memory the export keeps
 * empty lists and coverage.ts answers "was it collected?"; these two functions convert at the file boundary.
 */

/** The value written for each section that was not collected (sections collected in full or in part are absent). */
export function wireOverrides(exp: GuildExport): Map<Section, null | NotCollectedMarker> {
  const out = new Map<Section, null | NotCollectedMarker>();
  for (const [section, coverage] of coverageMap(exp)) {
    if (coverage.state !== 'not_collected') continue;
    out.set(section, OBJECT_SECTIONS.includes(section) ? { not_collected: coverage.reason } : null);
  }
  return out;
}

/** The export with its uncollected sections in their file form (a shallow copy; `exp` is not changed). */
export function toWire(exp: GuildExport): Record<string, unknown> {
  const out: Record<string, unknown> = { ...exp };
  for (const [section, value] of wireOverrides(exp)) out[section] = value;
  return out;
}

/** Schema major version of a parsed file (1 for files without one: the first schema had no other). */
export function schemaMajor(raw: { meta?: { schema_version?: unknown } }): number {
  const version = raw?.meta?.schema_version;
  const major = typeof version === 'string' ? Number.parseInt(version, 10) : NaN;
  return Number.isFinite(major) && major > 0 ? major : 1;
}

/**
 * Reads a parsed export.json or snapshot.json into the in-memory form, in place: a null list or a marker becomes an
 * empty list or null again, and its collector is recorded as failed when the file says nothing else, so the section
 * stays "not collected" (a 1.x file's sections keep their own meaning: its meta.collectors says what was collected).
 */
export function fromWire(raw: Record<string, unknown>): void {
  const meta = (raw.meta ?? {}) as { collectors?: Record<string, { status: string; count: number; duration_ms: number; reason?: string }> };
  const collectors = (meta.collectors ??= {});
  const errors = Array.isArray(raw.errors) ? raw.errors as { collector?: string; status?: string }[] : [];
  for (const section of SECTIONS) {
    const value = raw[section];
    const object = OBJECT_SECTIONS.includes(section);
    // A section missing from the file was not collected either (a hand-edited or cut file): never read as empty.
    const absent = value === undefined || (object ? isNotCollectedMarker(value) : value === null);
    if (!absent) continue;
    raw[section] = object ? null : [];
    if (section === 'access' || section === 'member_stats') continue; // derived: follows its inputs
    const reason = isNotCollectedMarker(value) ? value.not_collected : value === undefined ? 'absent from the file' : 'not collected (null in the file)';
    const record = collectors[section];
    const failed = errors.some((e) => e?.collector === section && e.status === 'failed');
    if ((section === 'members' && (raw.meta as { scope?: { members?: string } })?.scope?.members !== 'full') || failed || record?.status === 'failed' || record?.status === 'skipped') continue;
    collectors[section] = { status: 'skipped', count: 0, duration_ms: record?.duration_ms ?? 0, reason };
  }
}
