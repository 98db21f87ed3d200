import { describe, expect, it } from 'vitest';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { tokenizerRequestedBeforeLastPage } from '../../helpers/tokenizer-timing.js';

// A small guild's tail after the last answer was mostly loading the prompt's tokenizer (the demo: ~470 -> ~415 ms
// whole run once it loads during the wait). 100 ms round trips leave that wait between the two member pages, with
// room for a busy machine.
describe('the prompt tokenizer on a small guild', () => {
  const guild = generateGuild({ seed: 5, members: 1_500, text: 4, voice: 1, categories: 1 });
  const ctx = useFakeDiscord([guild], { latencyMs: 100 });

  it('is loading before the last member page is in', async () => {
    const result = await tokenizerRequestedBeforeLastPage(guild, ctx.fake.apiBase, ctx.dir);
    expect(result.status).toBe('complete');
    expect(result.pages).toBe(2);
    expect(result.requested).toBe(true);
  });
});
