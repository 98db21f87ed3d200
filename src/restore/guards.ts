import type { APIRole } from 'discord-api-types/v10';
import { bitsOf, permissionNames } from '../discord/permissions.js';
import { permissionLabel } from '../cli/bot-needs.js';
import type { BotStanding } from './live.js';

/** Discord's limits a restore can hit (guild.mdx, channel.mdx). */
export const LIMITS = { roles: 250, channels: 500, perCategory: 50 } as const;

const MANAGE_ROLES = bitsOf(['ManageRoles']);

/**
 * What Discord would refuse this bot, asked before anything is sent: each answer is a reason for a `skip` that says
 * what the user can change, or null when Discord would accept it.
 */
export class Guards {
  constructor(private readonly bot: BotStanding, private readonly botRoleName: string | null) {}

  /** The bot lacks a permission a route needs. */
  lacks(flag: 'ManageRoles' | 'ManageChannels' | 'ManageGuild' | 'ManageGuildExpressions'): string | null {
    if (this.bot.administrator || (this.bot.permissions & bitsOf([flag])) !== 0n) return null;
    return `the bot lacks ${permissionLabel(flag)}: give its role ${permissionLabel(flag)} in Server Settings > Roles, then run again`;
  }

  /** A role at or above the bot's highest role: Discord lets a bot edit, move or delete only roles below it. */
  outOfReach(role: Pick<APIRole, 'position' | 'name'>): string | null {
    if (role.position < this.bot.top) return null;
    const bot = this.botRoleName ? `the bot's role (${this.botRoleName})` : "the bot's role";
    return `the role is at or above the bot's highest role: move ${bot} above it in Server Settings > Roles, then run again`;
  }

  /** Permissions in `bits` the bot does not hold itself (Discord refuses to hand them out unless it is an administrator). */
  cannotGrant(bits: bigint): string | null {
    if (this.bot.administrator) return null;
    const lacking = bits & ~this.bot.permissions;
    if (lacking === 0n) return null;
    return `the bot cannot grant permissions it does not have (${permissionNames(lacking).map(permissionLabel).join(', ')}): give the bot's role those permissions or Administrator, then run again`;
  }

  /** An overwrite may set Manage Roles only for an administrator bot, and otherwise only permissions the bot has. */
  cannotSetOverwrite(allow: bigint, deny: bigint): string | null {
    if (this.bot.administrator) return null;
    if (((allow | deny) & MANAGE_ROLES) !== 0n) {
      return 'only a bot with Administrator may set Manage Permissions in a channel overwrite: give the bot Administrator for the restore, then run again';
    }
    return this.cannotGrant(allow | deny);
  }
}
