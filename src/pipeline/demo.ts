import { DEMO_GUILD_ID, FAKE_BOT_TOKEN, raidedDemoGuild, startFakeDiscord } from '../fake-discord/index.js';

export interface DemoHandle {
  apiBase: string;
  token: string;
  guildId: string;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Serve the demo guild after a nuke (see raidedDemoGuild), for trying plan and apply on it. */
  raided?: boolean;
}

/** --demo: the project's fake Discord API on loopback, serving the built-in demo guild with Discord's limits. */
export async function startDemo(options: DemoOptions = {}): Promise<DemoHandle> {
  const fake = await startFakeDiscord(options.raided ? { guilds: [raidedDemoGuild()] } : {});
  return { apiBase: fake.apiBase, token: FAKE_BOT_TOKEN, guildId: DEMO_GUILD_ID, close: () => fake.close() };
}
