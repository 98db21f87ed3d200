import { tokenCounterRequested } from '../../src/audit/tokens.js';
import type { FakeGuild } from '../../src/fake-discord/index.js';
import { runExport } from '../../src/pipeline/run-export.js';
import { TEST_TOKEN } from './fake-discord.js';

/**
 * Exports `guild` and reports whether the prompt's tokenizer had been asked for by the time the member scan's
 * last page was read (the last progress event), i.e. while the export was still waiting on Discord.
 * Each test file runs in its own module graph, so the tokenizer starts unloaded.
 */
export async function tokenizerRequestedBeforeLastPage(guild: FakeGuild, apiBase: string, outDir: string): Promise<{ requested: boolean; status: string; pages: number }> {
  let requested = false;
  let pages = 0;
  const total = guild.members.length;
  const outcome = await runExport({
    guildId: guild.guild.id, token: TEST_TOKEN, apiBase, demo: false, outDir, only: null, skip: [],
    members: 'full', maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
  }, (event) => {
    if (event.type !== 'members') return;
    pages++;
    if (event.fetched === total) requested = tokenCounterRequested();
  });
  return { requested, status: outcome.status, pages };
}
