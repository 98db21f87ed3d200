import type { GuildExport } from '../schema/types.js';
import { coverageOf, type Section } from '../schema/coverage.js';
import type { SectionNote } from './types.js';

/** Sections the diff compares, with what a reader calls them; `access` is channel visibility (roles + channels). */
const COMPARED: [Section, string][] = [
  ['server', 'server settings'],
  ['roles', 'roles'],
  ['channels', 'channels and their overwrites'],
  ['access', 'channel visibility'],
  ['bots', 'bots'],
  ['threads', 'threads'],
  ['webhooks', 'webhooks'],
  ['invites', 'invites'],
  ['automod', 'AutoMod rules'],
  ['integrations', 'integrations'],
  ['emojis', 'emojis'],
  ['stickers', 'stickers'],
  ['events', 'events'],
  ['onboarding', 'onboarding'],
  ['welcome_screen', 'welcome screen'],
  ['soundboard', 'soundboard sounds'],
];

/**
 * Sections the diff never compares, and why; the rest of the export is compared above or lives on the channels
 * (voice settings, forum tags and stage channels are channel fields, stage moderators come from roles and overwrites).
 */
export const OUT_OF_SCOPE: readonly SectionNote[] = [
  { section: 'members', label: 'member list', reason: 'members join and leave: membership, not configuration' },
  { section: 'member_stats', label: 'member counts', reason: 'counts change on their own: not configuration' },
  { section: 'bans', label: 'ban count', reason: 'bans come and go with moderation: not configuration' },
  { section: 'forums', label: 'forum post counts', reason: 'activity, not configuration (forum tags are compared with the channels)' },
];

export interface Comparable {
  /** Copies in which every section that cannot be compared is blank on both sides (so it yields no change). */
  before: GuildExport;
  after: GuildExport;
  /** Whether channel visibility can be compared (it needs roles and channels on both sides). */
  visibility: boolean;
  not_compared: SectionNote[];
  partly_compared: SectionNote[];
}

/**
 * What the diff may compare: a section not collected on either side is never compared (an absent list would read as
 * "everything removed", an empty one as "no change"), and is named with the reason instead.
 */
export function comparableParts(before: GuildExport, after: GuildExport): Comparable {
  const b: GuildExport = { ...before };
  const a: GuildExport = { ...after };
  const notCompared: SectionNote[] = [];
  const partly: SectionNote[] = [];
  let visibility = true;
  for (const [section, label] of COMPARED) {
    const sides = [['older', coverageOf(before, section)], ['newer', coverageOf(after, section)]] as const;
    const missing = sides.filter(([, c]) => c.state === 'not_collected');
    if (missing.length > 0) {
      notCompared.push({ section, label, reason: missing.map(([side, c]) => `not collected in the ${side} export: ${'reason' in c ? c.reason : ''}`).join('; ') });
      if (section === 'access') visibility = false;
      else blank(b, a, section);
      continue;
    }
    const part = sides.filter(([, c]) => c.state === 'partial');
    if (part.length > 0) partly.push({ section, label, reason: part.map(([side, c]) => `partial in the ${side} export: ${'reason' in c ? c.reason : ''}`).join('; ') });
  }
  return { before: b, after: a, visibility, not_compared: notCompared, partly_compared: partly };
}

function blank(b: GuildExport, a: GuildExport, section: Section): void {
  const rb = b as unknown as Record<string, unknown>;
  const ra = a as unknown as Record<string, unknown>;
  const empty = Array.isArray(rb[section]) || Array.isArray(ra[section]) ? [] : null;
  rb[section] = empty === null ? null : [];
  ra[section] = empty === null ? null : [];
}
