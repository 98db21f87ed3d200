import { emptyExport } from '../../../src/schema/empty.js';
import { bitsOf, permissionNames } from '../../../src/discord/permissions.js';
import type { ExportChannel, ExportOverwrite, ExportRole, ExportServer, GuildExport } from '../../../src/schema/types.js';

export const GUILD_ID = '100000000000000001';
export const OWNER_ID = '100000000000000099';

/** A role with the named permissions. */
export function role(id: string, name: string, perms: string[], extra: Partial<ExportRole> = {}): ExportRole {
  const bits = bitsOf(perms);
  return {
    id, name, color: 0, permissions: bits.toString(), permission_names: permissionNames(bits), position: 1,
    member_count: null, hoist: false, managed: false, mentionable: false, is_everyone: id === GUILD_ID,
    bot_id: null, integration_id: null, ...extra,
  };
}

/** A role or member overwrite allowing and denying the named permissions. */
export function ow(id: string, allow: string[], deny: string[] = [], type: 'role' | 'member' = 'role'): ExportOverwrite {
  return {
    id, type, allow: bitsOf(allow).toString(), deny: bitsOf(deny).toString(),
    allow_names: permissionNames(bitsOf(allow)), deny_names: permissionNames(bitsOf(deny)),
  };
}

/** A text channel (or category with type 4) with the given overwrites. */
export function channel(id: string, name: string, overwrites: ExportOverwrite[] = [], extra: Partial<ExportChannel> = {}): ExportChannel {
  return {
    id, name, type: 0, type_name: 'text', category: null, position: 0, topic: null, slowmode: 0, nsfw: false,
    permission_overwrites: overwrites, last_message_id: null, bitrate: null, user_limit: null, rtc_region: null,
    default_auto_archive_duration: null, available_tags: null, ...extra,
  };
}

/** The server record with safe-ish defaults. */
export function server(extra: Partial<ExportServer> = {}): ExportServer {
  return {
    id: GUILD_ID, name: 'Test Guild', owner: OWNER_ID, created_at: '2020-01-01T00:00:00.000Z', member_count: 10,
    presence_count: null, boost_level: 0, boost_count: 0, features: [], description: null, icon: null,
    preferred_locale: 'en-US', verification_level: 2, explicit_content_filter: 2, mfa_level: 1,
    default_message_notifications: 1, nsfw_level: 0, system_channel_id: null, rules_channel_id: null,
    public_updates_channel_id: null, safety_alerts_channel_id: null, afk_channel_id: null, afk_timeout: 300,
    vanity_url_code: null, premium_progress_bar_enabled: false, max_members: null, widget_enabled: false, widget_channel_id: null, ...extra,
  };
}

/** An export with a server, an @everyone role with `everyonePerms`, and the given roles and channels. */
export function guild(everyonePerms: string[], roles: ExportRole[] = [], channels: ExportChannel[] = []): GuildExport {
  const exp = emptyExport(GUILD_ID);
  exp.server = server();
  exp.roles = [role(GUILD_ID, '@everyone', everyonePerms, { position: 0 }), ...roles];
  exp.channels = channels;
  return exp;
}
