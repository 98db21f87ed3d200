import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type FakeGuild } from '../../src/fake-discord/index.js';

/** A bot token in Discord's shape (long enough for redaction to apply). */
export const TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.integration.abcdefghijklmnopqrstuvwxyz';

export interface FakeDiscordContext {
  readonly fake: FakeDiscord;
  /** A temporary folder for this test file's outputs. */
  readonly dir: string;
  /** Environment for the CLI: the token and the fake's API base. */
  env(token?: string): NodeJS.ProcessEnv;
}

/**
 * Starts the fake Discord API for the current test file (limits 50x faster, so repeated exports in one file do
 * not wait out Discord's real windows) and a temporary output folder; both go away after the file.
 */
export function useFakeDiscord(guilds: FakeGuild[], options: FakeDiscordOptions = {}): FakeDiscordContext {
  let fake: FakeDiscord | null = null;
  let dir: string | null = null;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds, token: TEST_TOKEN, timeScale: 0.02, ...options });
    dir = mkdtempSync(join(tmpdir(), 'dse-it-'));
  });
  afterAll(async () => {
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get fake() {
      if (!fake) throw new Error('the fake Discord API is not started yet (use it inside a test)');
      return fake;
    },
    get dir() {
      if (!dir) throw new Error('the output folder is not made yet (use it inside a test)');
      return dir;
    },
    env(token = TEST_TOKEN) {
      return { DISCORD_TOKEN: token, DISCORD_API_BASE: this.fake.apiBase };
    },
  };
}
