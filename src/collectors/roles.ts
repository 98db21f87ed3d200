import { defineCollector } from './types.js';
import { permissionNames } from '../discord/permissions.js';
import { byPositionThenId } from './map-channel.js';

/** Roles from the guild payload, with member counts from the member scan. */
export const roles = defineCollector({
  name: 'roles',
  key: 'roles',
  description: 'Roles, their permissions and how many members hold each',
  needs: {},
  async collect(ctx) {
    const guild = await ctx.sources.guild();
    // Counts are a bonus: a failed or skipped member scan leaves them null instead of failing roles.
    const stats = await ctx.sources.memberStats().catch(() => null);
    return guild.roles
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
        };
      })
      .sort(byPositionThenId);
  },
});
