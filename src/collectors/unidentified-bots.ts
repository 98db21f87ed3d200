import type { APIGuildIntegration, APIRole } from 'discord-api-types/v10';
import { ExportNotice } from '../discord/errors.js';
import { roleCountOf } from '../schema/role-counts.js';
import type { MemberScan } from './scan-members.js';

/**
 * A role Discord manages is there for something: a bot (tags.bot_id), an integration, Server Boosting, a
 * subscription or linked roles. A Discord-compatible server may send `tags: null` and no integrations: then a
 * managed role that no bot found in the member list holds is an app the export cannot name, and "no bots" (or a
 * pass over the bots) would be a guess.
 */

/** Tag keys that say what a managed role is for (Discord sends `premium_subscriber: null` on the booster role). */
const EXPLAINING_TAGS = ['bot_id', 'integration_id', 'premium_subscriber', 'subscription_listing_id', 'available_for_purchase', 'guild_connections'];

/** Managed roles (not @everyone) that neither their tags, an integration, nor a bot holding them explain. */
export function unidentifiedManagedRoles(roles: APIRole[], everyoneId: string, botRoleIds: ReadonlySet<string>, integrations: APIGuildIntegration[]): APIRole[] {
  const integrationRoles = new Set(integrations.map((i) => i.role_id).filter((id): id is string => typeof id === 'string'));
  return roles.filter((r) => r.managed === true && r.id !== everyoneId && !botRoleIds.has(r.id) && !integrationRoles.has(r.id) && !explainedByTags(r));
}

function explainedByTags(role: APIRole): boolean {
  const tags: unknown = role.tags;
  if (typeof tags !== 'object' || tags === null) return false;
  return EXPLAINING_TAGS.some((key) => Object.hasOwn(tags, key));
}

/** The bots collector's partial notice for such roles, naming up to five with their member counts; null when none. */
export function unidentifiedBotsNotice(roles: APIRole[], scan: MemberScan | null): ExportNotice | null {
  if (roles.length === 0) return null;
  const counted = scan !== null && !scan.truncated && !scan.error && scan.skipped.total === 0;
  const named = roles.slice(0, 5).map((r) => {
    const n = counted ? roleCountOf(scan.stats.role_counts, r.id) ?? 0 : null;
    return `"${r.name}" (${n === null ? 'members not counted' : `${n} member(s)`})`;
  });
  const more = roles.length > 5 ? ` and ${roles.length - 5} more` : '';
  return new ExportNotice(
    `Bots could not all be identified: ${roles.length} role(s) managed for an app, ${named.join(', ')}${more}, match no bot or integration the server reported (the roles carry no tags.bot_id, no member holding them is flagged as a bot, and no integration names them).`,
    'Check these roles under Server Settings > Roles and > Integrations to see which app owns them; the server\'s answers do not say.',
    'BOTS_UNIDENTIFIED', null,
  );
}
