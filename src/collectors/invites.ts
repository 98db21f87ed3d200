import type { APIExtendedInvite } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { getList } from './payload.js';

/** Invites with their usage and expiry (codes stay out of committed snapshots; see the writers). */
export const invites = defineCollector({
  name: 'invites',
  key: 'invites',
  description: 'Invites: uses, limits, expiry, inviter',
  needs: { permissions: ['ManageGuild'] },
  async collect(ctx) {
    const list = await getList<APIExtendedInvite>(ctx, `/guilds/${ctx.guildId}/invites`, { code: 'string' }, 'invite');
    return list
      .map((i) => ({
        code: i.code,
        uses: i.uses ?? 0,
        max_uses: i.max_uses ?? 0,
        max_age: i.max_age ?? 0,
        temporary: i.temporary === true,
        created_by: i.inviter?.id ?? null,
        channel: i.channel?.id ?? null,
        created_at: i.created_at ?? null,
        expires_at: i.expires_at ?? (i.max_age && i.created_at ? new Date(Date.parse(i.created_at) + i.max_age * 1000).toISOString() : null),
      }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  },
});
