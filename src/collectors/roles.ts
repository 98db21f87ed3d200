import { defineCollector } from './types.js';
import { permissionNames } from '../discord/permissions.js';
import { byPositionThenId } from './map-channel.js';
import { incompleteScanNotices } from './scan-members.js';
import { textOrNull } from './optional-fields.js';

/** Roles from the guild payload (or GET /guilds/{id}/roles when it has none), with member counts from the member scan. */
export const roles = defineCollector({
  name: 'roles',
  key: 'roles',
  description: 'Roles, their permissions and how many members hold each',
  needs: {},
  async collect(ctx) {
    const [guild, list] = await Promise.all([ctx.sources.guild(), ctx.sources.roles()]);
    const skipped = list.skipped.notice('role');
    if (skipped) ctx.partial(skipped);
    // Counts are a bonus: a failed or skipped member scan leaves them null instead of failing roles; a scan that
    // read only part of the list leaves them low, and says so.
    const scan = await ctx.sources.memberScan().catch(() => null);
    const stats = scan?.stats ?? null;
    if (scan) for (const notice of incompleteScanNotices(scan, 'Role member counts')) ctx.partial(notice);
    return list.roles
      .map((r) => {
        const isEveryone = r.id === guild.id;
        const counted = stats ? (isEveryone ? stats.total : stats.role_counts[r.id] ?? 0) : null;
        return {
          id: r.id,
          name: r.name,
          color: r.color ?? 0,
          permissions: String(r.permissions),
          permission_names: permissionNames(String(r.permissions)),
          position: r.position,
          member_count: counted,
          hoist: r.hoist === true,
          managed: r.managed === true,
          mentionable: r.mentionable === true,
          is_everyone: isEveryone,
          bot_id: r.tags?.bot_id ?? null,
          integration_id: r.tags?.integration_id ?? null,
          icon: textOrNull(r.icon),
          unicode_emoji: textOrNull(r.unicode_emoji),
        };
      })
      .sort(byPositionThenId);
  },
});
