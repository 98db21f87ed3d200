import type { Collector } from './types.js';
import { server } from './server.js';
import { roles } from './roles.js';
import { channels } from './channels.js';
import { members } from './members.js';
import { bots } from './bots.js';
import { threads } from './threads.js';
import { forums } from './forums.js';
import { voice } from './voice.js';
import { stage } from './stage.js';
import { automod } from './automod.js';
import { invites } from './invites.js';
import { webhooks } from './webhooks.js';
import { emojis } from './emojis.js';
import { stickers } from './stickers.js';
import { events } from './events.js';
import { integrations } from './integrations.js';
import { welcome_screen } from './welcome-screen.js';
import { onboarding } from './onboarding.js';
import { bans } from './bans.js';
import { soundboard } from './soundboard.js';

/** Every collector, by name. They run concurrently; shared reads live in Sources. */
export const collectors = {
  server, roles, channels, members, bots, threads, forums, voice, stage, automod, invites, webhooks, emojis,
  stickers, events, integrations, welcome_screen, onboarding, bans, soundboard,
} satisfies Record<string, Collector<never> | Collector>;

export type CollectorName = keyof typeof collectors;
export const COLLECTOR_NAMES = Object.keys(collectors) as CollectorName[];
