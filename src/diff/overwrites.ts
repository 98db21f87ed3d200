import type { ExportChannel, ExportOverwrite, GuildExport } from '../schema/types.js';
import { toBits } from '../discord/permissions.js';
import { everyoneRoleId } from '../permissions/effective.js';
import { computeAccess } from '../permissions/access.js';
import type { DiffChange, DiffSeverity } from './types.js';
import { matchById } from './by-id.js';
import { bitDelta, change, dangerousAmong, flagNames } from './util.js';
import { isSnowflake } from '../schema/snowflake.js';
import type { NameBook } from './names.js';
import { compareText } from '../schema/order.js';

const isCategory = (c: ExportChannel): boolean => c.type_name === 'category' || c.type === 4;
// Decided from both sides so diff(a, b) and diff(b, a) name the same entity even if the type changed.
const entityOf = (b: ExportChannel, a: ExportChannel): string => (isCategory(b) || isCategory(a) ? 'category' : 'channel');

/** Per channel present in both exports: overwrites added, removed or changed, target by target. */
export function diffOverwrites(before: GuildExport, after: GuildExport, names: NameBook): DiffChange[] {
  const out: DiffChange[] = [];
  const everyone = everyoneRoleId(after) || everyoneRoleId(before);
  const target = (o: ExportOverwrite): string =>
    o.type === 'member' ? 'a member' : o.id === everyone ? '@everyone' : `role ${names.role(o.id)}`;
  const listed = (o: ExportOverwrite): string[] => {
    const allow = flagNames(toBits(o.allow));
    const deny = flagNames(toBits(o.deny));
    return [...(allow.length ? [`allows ${allow.join(', ')}`] : []), ...(deny.length ? [`denies ${deny.join(', ')}`] : [])];
  };
  for (const [bc, ac] of matchById(before.channels, after.channels).common) {
    const entity = entityOf(bc, ac);
    const { added, removed, common } = pairOverwrites(bc.permission_overwrites ?? [], ac.permission_overwrites ?? []);
    for (const o of added) {
      const risk = overwriteRisk(flagNames(toBits(o.allow)), o.id === everyone);
      out.push(change('overwrite_added', risk.severity, entity, ac.id, ac.name, `overwrite added for ${target(o)}`,
        { details: listed(o), escalation: risk.escalation }));
    }
    for (const o of removed) {
      out.push(change('overwrite_removed', 'low', entity, ac.id, ac.name, `overwrite removed for ${target(o)}`,
        { details: listed(o) }));
    }
    for (const [bo, ao] of common) {
      const allow = bitDelta(bo.allow, ao.allow);
      const deny = bitDelta(bo.deny, ao.deny);
      const details = [
        ...(allow.gained.length ? [`now allows ${allow.gained.join(', ')}`] : []),
        ...(allow.lost.length ? [`no longer allows ${allow.lost.join(', ')}`] : []),
        ...(deny.gained.length ? [`now denies ${deny.gained.join(', ')}`] : []),
        ...(deny.lost.length ? [`no longer denies ${deny.lost.join(', ')}`] : []),
      ];
      if (details.length === 0) continue;
      const risk = overwriteRisk(allow.gained, ao.id === everyone);
      out.push(change('overwrite_changed', risk.severity, entity, ac.id, ac.name, `overwrite changed for ${target(ao)}`,
        { details, escalation: risk.escalation }));
    }
  }
  return out;
}

/** Role overwrites pair by id. Member overwrites pair by id too, unless a snapshot replaced member ids with a
 * placeholder on either side: then they pair by what they allow and deny, so only real differences show. */
function pairOverwrites(before: ExportOverwrite[], after: ExportOverwrite[]):
  { added: ExportOverwrite[]; removed: ExportOverwrite[]; common: [ExportOverwrite, ExportOverwrite][] } {
  const roles = matchById(before.filter((o) => o.type !== 'member'), after.filter((o) => o.type !== 'member'));
  const mb = before.filter((o) => o.type === 'member');
  const ma = after.filter((o) => o.type === 'member');
  const byId = [...mb, ...ma].every((o) => isSnowflake(o.id))
    && new Set(mb.map((o) => o.id)).size === mb.length && new Set(ma.map((o) => o.id)).size === ma.length;
  if (byId) {
    const members = matchById(mb, ma);
    return { added: [...roles.added, ...members.added], removed: [...roles.removed, ...members.removed],
      common: [...roles.common, ...members.common] };
  }
  const shape = (o: ExportOverwrite): string => `${toBits(o.allow)}:${toBits(o.deny)}`;
  const byShape = (x: ExportOverwrite, y: ExportOverwrite): number => compareText(shape(x), shape(y));
  const remaining = [...ma];
  const removed: ExportOverwrite[] = [];
  for (const o of [...mb].sort(byShape)) {
    const i = remaining.findIndex((x) => shape(x) === shape(o));
    if (i === -1) removed.push(o);
    else remaining.splice(i, 1);
  }
  return { added: [...roles.added, ...remaining.sort(byShape)], removed: [...roles.removed, ...removed], common: roles.common };
}

// Moderator roles commonly get channel-level moderation rights, so only @everyone gaining a dangerous
// permission through an overwrite counts as an escalation.
function overwriteRisk(allowGained: string[], isEveryone: boolean): { severity: DiffSeverity; escalation: boolean } {
  const dangerous = dangerousAmong(allowGained);
  if (dangerous.length > 0 && isEveryone) return { severity: 'high', escalation: true };
  if (dangerous.length > 0) return { severity: 'medium', escalation: false };
  return { severity: 'low', escalation: false };
}

/** Channels that became readable by @everyone (an escalation) or stopped being readable. */
export function diffVisibility(before: GuildExport, after: GuildExport): DiffChange[] {
  const out: DiffChange[] = [];
  // Without an @everyone role (roles not collected) every channel looks private: nothing to compare.
  if (!before.roles.some((r) => r.is_everyone) || !after.roles.some((r) => r.is_everyone)) return out;
  const accessBefore = new Map(computeAccess(before).map((a) => [a.channel, a]));
  const channelsBefore = new Map(before.channels.map((c) => [c.id, c]));
  const channelsAfter = new Map(after.channels.map((c) => [c.id, c]));
  for (const acc of computeAccess(after)) {
    const prev = accessBefore.get(acc.channel);
    if (!prev || prev.private === acc.private) continue;
    const ch = channelsAfter.get(acc.channel)!;
    const entity = entityOf(channelsBefore.get(acc.channel)!, ch);
    if (acc.private) {
      out.push(change('became_private', 'low', entity, ch.id, ch.name, '@everyone can no longer view it'));
    } else {
      out.push(change('became_public', 'high', entity, ch.id, ch.name,
        'private channel is now readable by @everyone', { escalation: true }));
    }
  }
  return out;
}
