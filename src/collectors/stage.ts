import { ChannelType } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { needing } from './sources.js';
import { compareSnowflakes } from '../schema/snowflake.js';
import { byPositionThenId, mapChannel } from './map-channel.js';
import { bitsOf, toBits } from '../discord/permissions.js';

// Discord's stage moderator: Manage Channels, Mute Members and Move Members in that channel.
const MODERATOR = bitsOf(['ManageChannels', 'MuteMembers', 'MoveMembers']);
const ADMIN = bitsOf(['Administrator']);

/** Stage channels with their topic and the roles that can moderate them. */
export const stage = defineCollector({
  name: 'stage',
  key: 'stage',
  description: 'Stage channels: topic and moderator roles',
  needs: {},
  async collect(ctx) {
    const [guild, raw] = await Promise.all([ctx.sources.guild(), ctx.sources.channels()]);
    const stages = raw.filter((c) => c.type === ChannelType.GuildStageVoice);
    if (stages.length === 0) return [];
    // Moderators are worked out from the roles: without them there is nothing true to say (the roles' error is this one's).
    const { roles } = await needing('Stage moderators are worked out from the roles, which could not be read', ctx.sources.roles());
    const everyone = roles.find((r) => r.id === guild.id);
    return stages
      .map(mapChannel)
      .sort(byPositionThenId)
      .map((c) => {
        const over = new Map(c.permission_overwrites.filter((o) => o.type === 'role').map((o) => [o.id, o]));
        const moderators = roles
          .filter((role) => {
            let p = toBits(everyone?.permissions) | toBits(role.permissions);
            if ((p & ADMIN) === ADMIN) return true;
            for (const id of [guild.id, role.id]) {
              const o = over.get(id);
              if (o) p = (p & ~toBits(o.deny)) | toBits(o.allow);
            }
            return role.id !== guild.id && (p & MODERATOR) === MODERATOR;
          })
          .sort((a, b) => b.position - a.position || compareSnowflakes(a.id, b.id))
          .map((r) => ({ id: r.id, name: r.name }));
        return { id: c.id, name: c.name, topic: c.topic, moderators, category: c.category };
      });
  },
});
