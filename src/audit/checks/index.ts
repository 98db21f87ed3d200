import type { Check } from '../types.js';
import * as botsWithAdministrator from './bots_with_administrator.js';
import * as defaultNotificationsAllMessages from './default_notifications_all_messages.js';
import * as duplicateRoleNames from './duplicate_role_names.js';
import * as emptyCategories from './empty_categories.js';
import * as everyoneDangerousPermissions from './everyone_dangerous_permissions.js';
import * as everyoneOverwriteDangerousPermissions from './everyone_overwrite_dangerous_permissions.js';
import * as explicitContentFilterDisabled from './explicit_content_filter_disabled.js';
import * as lowActivity from './low_activity.js';
import * as memberOverwriteSprawl from './member_overwrite_sprawl.js';
import * as missingModerationLogs from './missing_moderation_logs.js';
import * as missingRulesChannel from './missing_rules_channel.js';
import * as mod_2faNotRequired from './mod_2fa_not_required.js';
import * as noAutomodRules from './no_automod_rules.js';
import * as permanentInvites from './permanent_invites.js';
import * as rolesAboveBots from './roles_above_bots.js';
import * as staffChannelsPublic from './staff_channels_public.js';
import * as staleChannels from './stale_channels.js';
import * as tooManyAdminRoles from './too_many_admin_roles.js';
import * as uncategorizedChannels from './uncategorized_channels.js';
import * as unusedRoles from './unused_roles.js';
import * as verificationLevelLow from './verification_level_low.js';
import * as webhooksInPublicChannels from './webhooks_in_public_channels.js';

/** Every check, in report order: the core checks (settings, permissions, hygiene) first, then the additional ones. */
export const CHECKS: readonly Check[] = [
  verificationLevelLow,
  explicitContentFilterDisabled,
  mod_2faNotRequired,
  noAutomodRules,
  missingModerationLogs,
  missingRulesChannel,
  defaultNotificationsAllMessages,
  everyoneDangerousPermissions,
  tooManyAdminRoles,
  botsWithAdministrator,
  unusedRoles,
  uncategorizedChannels,
  emptyCategories,
  staleChannels,
  permanentInvites,
  everyoneOverwriteDangerousPermissions,
  memberOverwriteSprawl,
  duplicateRoleNames,
  webhooksInPublicChannels,
  staffChannelsPublic,
  lowActivity,
  rolesAboveBots,
];

/** Check ids, for config validation and reports. */
export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.meta.id);
