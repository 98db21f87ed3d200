import { describe, expect, it } from 'vitest';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { tokenizerRequestedBeforeLastPage } from '../../helpers/tokenizer-timing.js';

// Above 10,000 members the tokenizer still loads after the scan: loading it during a 100,000-member scan raised
// the peak RSS from ~205 to ~290 MB for no measurable gain (its own file: the tokenizer is loaded once a process).
describe('the prompt tokenizer on a large guild', () => {
  const guild = generateGuild({ seed: 6, members: 10_500, text: 2, categories: 1 });
  const ctx = useFakeDiscord([guild], { latencyMs: 5 });

  it('is not loaded during the member scan', async () => {
    const result = await tokenizerRequestedBeforeLastPage(guild, ctx.fake.apiBase, ctx.dir);
    expect(result.status).toBe('complete');
    expect(result.pages).toBe(11);
    expect(result.requested).toBe(false);
  });
});
