import type { CollectedKey, GuildExport } from './types.js';

/**
 * Which sections of an export were collected. "Not collected" is a value of its own, never an empty list: a section
 * whose collector failed or was skipped, or whose inputs were not collected (effective access needs roles and
 * channels), is not collected; one built from part of its inputs is partial. Everything that reads an export (the
 * checks, the diff, every renderer) asks here rather than reading an empty array as "none".
 */

/** Every top-level section that holds collected or derived data. */
export type Section = CollectedKey | 'access' | 'member_stats';

export const SECTIONS: readonly Section[] = [
  'server', 'roles', 'channels', 'members', 'member_stats', 'threads', 'forums', 'voice', 'stage', 'automod', 'invites',
  'bots', 'emojis', 'stickers', 'events', 'webhooks', 'integrations', 'welcome_screen', 'onboarding', 'bans',
  'soundboard', 'access',
];

/** Sections where null means "none" (no welcome screen...): in export.json "not collected" is a marker object there. */
export const OBJECT_SECTIONS: readonly Section[] = ['server', 'member_stats', 'welcome_screen', 'onboarding', 'bans'];

/** export.json's form of an object section that was not collected. */
export interface NotCollectedMarker {
  not_collected: string;
}

export type Coverage =
  | { state: 'collected' }
  | { state: 'partial'; reason: string }
  | { state: 'not_collected'; reason: string };

/**
 * Inputs besides the section's own collector. `required`: not collected when one is not; `partial`: the section
 * is built from less when one is not (bots come from the roles Discord manages for bots without the member list).
 */
const DEPENDS: Partial<Record<Section, { required: Section[]; partial?: Section[] }>> = {
  access: { required: ['roles', 'channels'] },
  bots: { required: ['roles'] },
};

/** The collector that fills a section (derived sections have none). */
function collectorOf(section: Section): string | null {
  return section === 'access' || section === 'member_stats' ? null : section;
}

/** The coverage of one section of `exp`. */
export function coverageOf(exp: GuildExport, section: Section): Coverage {
  return coverageMap(exp).get(section) ?? { state: 'collected' };
}

/** The reason a section was not collected, or null when it was (wholly or in part). */
export function notCollected(exp: GuildExport, section: Section): string | null {
  const c = coverageOf(exp, section);
  return c.state === 'not_collected' ? c.reason : null;
}

/** Every section's coverage, derived sections included. */
export function coverageMap(exp: GuildExport): Map<Section, Coverage> {
  const map = new Map<Section, Coverage>();
  const visit = (section: Section): Coverage => {
    const known = map.get(section);
    if (known) return known;
    const result = ownCoverage(exp, section);
    const deps = DEPENDS[section];
    let final = result;
    if (final.state !== 'not_collected' && deps) {
      for (const input of deps.required) {
        const c = visit(input);
        if (c.state === 'not_collected') {
          final = { state: 'not_collected', reason: `${input} not collected: ${c.reason}` };
          break;
        }
        if (c.state === 'partial' && final.state === 'collected') final = { state: 'partial', reason: `${input} partial: ${c.reason}` };
      }
      for (const input of final.state === 'not_collected' ? [] : deps.partial ?? []) {
        const c = visit(input);
        if (c.state !== 'collected' && final.state === 'collected') final = { state: 'partial', reason: `${input} ${c.state === 'partial' ? 'partial' : 'not collected'}: ${c.reason}` };
      }
    }
    map.set(section, final);
    return final;
  };
  for (const section of SECTIONS) visit(section);
  return map;
}

/** A section's coverage from its own collector record and errors (records absent: trusted as collected). */
function ownCoverage(exp: GuildExport, section: Section): Coverage {
  const meta = exp.meta as Partial<GuildExport['meta']> | undefined;
  if (section === 'members' && meta?.scope && meta.scope.members !== 'full') {
    return { state: 'not_collected', reason: `members: ${meta.scope.members} keeps no member list` };
  }
  if (section === 'member_stats' && (exp.member_stats === null || exp.member_stats === undefined)) {
    const members = meta?.collectors?.members;
    if (meta?.scope?.members === 'none') return { state: 'not_collected', reason: 'members: none counts no members' };
    if (members?.status === 'failed' || members?.status === 'skipped') return { state: 'not_collected', reason: reasonFor(exp, 'members') };
    return { state: 'not_collected', reason: 'the member list was not read' };
  }
  if (section === 'member_stats') {
    const partial = membersPartial(exp);
    // Not one record could be read: zeros there would be counts of nothing.
    if (partial && exp.member_stats?.total === 0) return { state: 'not_collected', reason: `no member record could be read: ${reasonFor(exp, 'members')}` };
    return truncated(exp) ?? partial ?? { state: 'collected' };
  }
  const name = collectorOf(section);
  if (!name) return { state: 'collected' };
  const record = meta?.collectors?.[name];
  const errors = Array.isArray(exp.errors) ? exp.errors : [];
  if (record?.status === 'failed' || record?.status === 'skipped' || errors.some((e) => e?.collector === name && e.status === 'failed')) {
    return { state: 'not_collected', reason: reasonFor(exp, name) };
  }
  if (section === 'server' && !exp.server) return { state: 'not_collected', reason: 'the server settings are missing from the export' };
  // Bots without the member list: say what that leaves out, whatever the collector's own note says.
  const botsPartial = section === 'bots' ? botsWithoutMembers(exp) : null;
  if (botsPartial) return botsPartial;
  if (record?.status === 'partial' || errors.some((e) => e?.collector === name && e.status === 'partial')) {
    return { state: 'partial', reason: reasonFor(exp, name) };
  }
  if (section === 'bots') return truncated(exp) ?? { state: 'collected' };
  return (section === 'members' ? truncated(exp) : null) ?? { state: 'collected' };
}

/** Without the member list the bots collector finds only bots that have a role Discord manages for them. */
function botsWithoutMembers(exp: GuildExport): Coverage | null {
  if (exp.member_stats) return null;
  const members = exp.meta?.collectors?.members;
  if (exp.meta?.scope?.members === 'none') return { state: 'partial', reason: 'members: none, so only bots with a managed role are listed' };
  if (members?.status === 'failed' || members?.status === 'skipped') {
    return { state: 'partial', reason: `the member list was not read (${reasonFor(exp, 'members')}), so only bots with a managed role are listed` };
  }
  return null;
}

/** Member aggregates counted from a member list that was read in part (records skipped, a page failed). */
function membersPartial(exp: GuildExport): Coverage | null {
  const record = exp.meta?.collectors?.members;
  const errors = Array.isArray(exp.errors) ? exp.errors : [];
  if (record?.status !== 'partial' && !errors.some((e) => e?.collector === 'members' && e.status === 'partial')) return null;
  return { state: 'partial', reason: `counted from part of the member list: ${reasonFor(exp, 'members')}` };
}

/** Partial when `--max-members` stopped the member scan early. */
function truncated(exp: GuildExport): Coverage | null {
  const scope = exp.meta?.scope;
  if (!scope?.members_truncated) return null;
  return { state: 'partial', reason: `the member scan stopped at --max-members ${scope.max_members ?? ''}`.trim() };
}

/** Why a collector failed, was skipped or is partial, in one line: its error message, else its skip reason. */
function reasonFor(exp: GuildExport, name: string): string {
  const record = exp.meta?.collectors?.[name];
  const errors = (Array.isArray(exp.errors) ? exp.errors : []).filter((e) => e?.collector === name);
  const error = errors.find((e) => e.status === 'failed') ?? errors[0];
  if (record?.status === 'skipped') return record.reason ? `skipped (${record.reason})` : 'skipped';
  if (error?.message) return oneLine(error.message);
  if (record?.reason) return oneLine(record.reason);
  return record?.status === 'partial' ? 'partial' : 'the collector failed';
}

function oneLine(text: string): string {
  const line = String(text).replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** True for an export.json value that marks an object section as not collected. */
export function isNotCollectedMarker(value: unknown): value is NotCollectedMarker {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as NotCollectedMarker).not_collected === 'string';
}
