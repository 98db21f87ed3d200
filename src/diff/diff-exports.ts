import type { GuildExport } from '../schema/types.js';
import type { DiffChange, DiffResult } from './types.js';
import { SEVERITIES } from './types.js';
import { normalizeExport } from './normalize.js';
import { comparableParts, OUT_OF_SCOPE } from './comparable.js';
import { diffCommunity } from './community.js';
import { nameBook } from './names.js';
import { diffGuild } from './guild.js';
import { diffRoles } from './roles.js';
import { diffChannels } from './channels.js';
import { diffOverwrites, diffVisibility } from './overwrites.js';
import { diffBots } from './bots.js';
import { diffInvites } from './invites.js';
import { diffOthers } from './others.js';
import { compareIds, compareText } from '../schema/order.js';

/** Display and sort order of entities (most security-relevant first). */
const ENTITY_ORDER = ['guild', 'feature', 'role', 'bot', 'category', 'channel', 'thread', 'webhook', 'invite',
  'automod', 'integration', 'emoji', 'sticker', 'event', 'onboarding', 'welcome_screen', 'sound'];

const entityRank = (e: string): number => {
  const i = ENTITY_ORDER.indexOf(e);
  return i === -1 ? ENTITY_ORDER.length : i;
};

/** Total order on changes: escalations, severity, entity, id, then kind and text so output is byte-stable. */
export function compareChanges(x: DiffChange, y: DiffChange): number {
  return Number(y.escalation) - Number(x.escalation)
    || SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity)
    || entityRank(x.entity) - entityRank(y.entity) || compareText(x.entity, y.entity)
    || compareIds(x.id, y.id)
    || compareText(x.kind, y.kind)
    || compareText(x.summary, y.summary)
    || compareText((x.details ?? []).join('\n'), (y.details ?? []).join('\n'));
}

/** Every configuration change from `before` to `after`, matched by id, most dangerous first. */
export function diffExports(before: GuildExport, after: GuildExport): DiffResult {
  const nb = normalizeExport(before, 'the older export');
  const na = normalizeExport(after, 'the newer export');
  // Names come from everything either side holds; comparisons only from sections both sides collected.
  const names = nameBook(nb, na);
  const { before: b, after: a, visibility, not_compared, partly_compared } = comparableParts(nb, na);
  const changes = [
    ...diffGuild(b, a, names),
    ...diffRoles(b, a),
    ...diffChannels(b, a, names),
    ...diffOverwrites(b, a, names),
    ...(visibility ? diffVisibility(b, a) : []),
    ...diffBots(b, a),
    ...diffInvites(b, a, names),
    ...diffOthers(b, a, names),
    ...diffCommunity(b, a, names),
  ].sort(compareChanges);
  const counts: Record<string, number> = { total: changes.length };
  for (const s of SEVERITIES) counts[s] = changes.filter((c) => c.severity === s).length;
  return { changes, counts, escalations: changes.filter((c) => c.escalation).length, not_compared, partly_compared,
    out_of_scope: OUT_OF_SCOPE.map((n) => ({ ...n })) };
}
