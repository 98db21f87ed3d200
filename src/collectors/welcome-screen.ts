import type { APIGuildWelcomeScreen } from 'discord-api-types/v10';
import { DiscordAPIError } from '@discordjs/rest';
import { isUnknownEntityCode } from '../discord/errors.js';
import { defineCollector } from './types.js';
import { readObject } from './payload.js';
import { idOrNull } from './optional-fields.js';

// Discord answers 10069 ("Unknown Welcome Screen") when none was ever set up: that is "none", not a failure. A 404
// without a Discord "Unknown <thing>" code is another thing: the server (a compatible one) does not offer the route
// at all, and the screen is not collected (never "none").
const UNKNOWN_WELCOME_SCREEN = 10069;

/** The Community welcome screen. */
export const welcome_screen = defineCollector({
  name: 'welcome_screen',
  key: 'welcome_screen',
  description: 'Welcome screen (Community servers)',
  needs: { permissions: ['ManageGuild'] },
  async collect(ctx) {
    let screen: APIGuildWelcomeScreen;
    try {
      screen = await ctx.api.get<APIGuildWelcomeScreen>(`/guilds/${ctx.guildId}/welcome-screen`);
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === UNKNOWN_WELCOME_SCREEN || (error.status === 404 && isUnknownEntityCode(error.code)))) return null;
      throw error;
    }
    readObject(`/guilds/${ctx.guildId}/welcome-screen`, screen);
    return {
      description: screen.description ?? null,
      channels: (screen.welcome_channels ?? []).map((c) => ({
        channel_id: c.channel_id, description: c.description, emoji_name: c.emoji_name ?? null, emoji_id: idOrNull(c.emoji_id),
      })),
    };
  },
});
