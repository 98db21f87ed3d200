import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import type { ExportConfig } from '../../../src/config/types.js';
import { configsForGuilds, runExports } from '../../../src/pipeline/run-exports.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

/** Valid server ids the fake does not serve (404 Unknown Guild). */
const UNKNOWN = ['123456789012345678', '123456789012345679'];

describe('several servers, some the bot is not in', () => {
  const a = generateGuild({ seed: 'first-a', members: 40, text: 4 });
  let fake: FakeDiscord;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [a], token: TEST_TOKEN, timeScale: 0.02, trace: true });
    dir = mkdtempSync(join(tmpdir(), 'dse-first-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each guild first: an unknown one costs one request, the known one is complete', async () => {
    const config: ExportConfig = {
      guildId: null, token: TEST_TOKEN, apiBase: fake.apiBase, demo: false, outDir: dir, only: null, skip: [], members: 'full',
      maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
    };
    const results = await runExports(configsForGuilds(config, [UNKNOWN[0], a.guild.id, UNKNOWN[1]]));
    expect(results.map((r) => r.status)).toEqual(['fatal', 'complete', 'fatal']);
    const paths = fake.stats().trace!.map((e) => e.path);
    for (const id of UNKNOWN) expect(paths.filter((p) => p.includes(id))).toEqual([`/guilds/${id}?with_counts=true`]);
    expect(results[0].outcome!.fatal!.message).toContain('The bot is not in that server, or the id is wrong');
  });
});
