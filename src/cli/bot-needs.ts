import { collectors, type CollectorName } from '../collectors/index.js';
import { bitsOf, PERMISSION_FLAGS } from '../discord/permissions.js';

export interface NeededPermission {
  /** Discord's flag name (PermissionFlagsBits), e.g. ManageGuild. */
  flag: string;
  /** The name Discord's app shows, e.g. Manage Server. */
  label: string;
  bit: bigint;
  /** The collectors that need it. */
  collectors: CollectorName[];
}

export interface BotNeeds {
  permissions: NeededPermission[];
  /** The permissions integer of an invite (every needed bit). */
  bits: bigint;
  /** Privileged gateway intents to switch on in the Developer Portal, with the collectors that need each. */
  intents: { intent: string; collectors: CollectorName[] }[];
}

/** Where Discord's app names a permission differently from its flag. */
const LABELS: Record<string, string> = {
  ViewChannel: 'View Channels',
  ManageGuild: 'Manage Server',
  ManageGuildExpressions: 'Manage Expressions',
  ViewGuildInsights: 'View Server Insights',
  ModerateMembers: 'Timeout Members',
};

/** A flag's name as the app shows it: ManageWebhooks -> Manage Webhooks. */
export function permissionLabel(flag: string): string {
  return LABELS[flag] ?? flag.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** What the bot needs for the selected collectors, read from each collector's declared `needs`, ordered by bit. */
export function botNeeds(selected: readonly CollectorName[]): BotNeeds {
  const byFlag = new Map<string, CollectorName[]>();
  const byIntent = new Map<string, CollectorName[]>();
  for (const name of selected) {
    const needs = collectors[name].needs;
    for (const flag of needs.permissions ?? []) byFlag.set(flag, [...(byFlag.get(flag) ?? []), name]);
    for (const intent of needs.intents ?? []) byIntent.set(intent, [...(byIntent.get(intent) ?? []), name]);
  }
  const permissions = PERMISSION_FLAGS.filter(([flag]) => byFlag.has(flag)).map(([flag, bit]) => ({
    flag, label: permissionLabel(flag), bit, collectors: byFlag.get(flag)!,
  }));
  // A declared name that is not a Discord flag would silently drop a bit: fail loudly instead (a test runs this).
  const unknown = [...byFlag.keys()].filter((flag) => bitsOf([flag]) === 0n);
  if (unknown.length > 0) throw new Error(`Collectors declare unknown permissions: ${unknown.join(', ')}`);
  return {
    permissions,
    bits: permissions.reduce((acc, p) => acc | p.bit, 0n),
    intents: [...byIntent].map(([intent, names]) => ({ intent, collectors: names })),
  };
}

/** The OAuth2 URL that adds the bot with exactly these permissions (optionally to one server, preselected). */
export function inviteUrl(clientId: string, bits: bigint, guildId: string | null = null): string {
  const url = new URL('https://discord.com/oauth2/authorize');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('scope', 'bot');
  url.searchParams.set('permissions', bits.toString());
  if (guildId) {
    url.searchParams.set('guild_id', guildId);
    url.searchParams.set('disable_guild_select', 'true');
  }
  return url.toString();
}

/**
 * What a restore (apply) needs: channels, roles and settings to write, emojis to upload. Discord also refuses to
 * let a bot grant a permission it lacks, so a bot restoring roles with Administrator needs Administrator itself.
 */
export const RESTORE_FLAGS = ['ViewChannel', 'ManageChannels', 'ManageRoles', 'ManageGuild', 'ManageGuildExpressions'] as const;

/** The restore's permissions, in the same form as botNeeds (the "collectors" list names "restore"). */
export function restoreNeeds(): NeededPermission[] {
  return PERMISSION_FLAGS.filter(([flag]) => (RESTORE_FLAGS as readonly string[]).includes(flag)).map(([flag, bit]) => ({
    flag, label: permissionLabel(flag), bit, collectors: [],
  }));
}
