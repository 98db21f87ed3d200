import { DEMO_GUILD_ID, FAKE_BOT_TOKEN, startFakeDiscord } from '../fake-discord/index.js';

export interface DemoHandle {
  apiBase: string;
  token: string;
  guildId: string;
  close(): Promise<void>;
}

/** --demo: the project's fake Discord API on loopback, serving the built-in demo guild with Discord's limits. */
export async function startDemo(): Promise<DemoHandle> {
  const fake = await startFakeDiscord();
  return { apiBase: fake.apiBase, token: FAKE_BOT_TOKEN, guildId: DEMO_GUILD_ID, close: () => fake.close() };
}
