import { describe, expect, it } from 'vitest';
import { InputError, parseInputs } from '../../../src/action/inputs.js';
import { MAX_GUILDS_PER_RUN } from '../../../src/config/validate.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000000000n + BigInt(i)));

describe('the number of servers in one run', () => {
  it(`is at most ${MAX_GUILDS_PER_RUN} on the command line: more is a usage error (64) before any request`, async () => {
    // An API base nobody answers on: a request would fail differently (network error, exit 2).
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: 'http://127.0.0.1:9/api' };
    const run = await runCli(['export', '--guild', ids(MAX_GUILDS_PER_RUN + 1).join(','), '--out', 'never-written'], env);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`--guild lists ${MAX_GUILDS_PER_RUN + 1} servers; one run exports at most ${MAX_GUILDS_PER_RUN}`);
    const help = await runCli(['export', '--help']);
    expect(help.stdout).toContain('at most 100');
  });

  it('is at most the same in the Action\'s guild-id: more is an input error', () => {
    const raw = { 'discord-token': 'bot-token-value', 'github-token': 'ghs_x' };
    expect(parseInputs({ ...raw, 'guild-id': ids(MAX_GUILDS_PER_RUN).join('\n') }, { hasRepository: true }).guildIds).toHaveLength(MAX_GUILDS_PER_RUN);
    let error: unknown = null;
    try {
      parseInputs({ ...raw, 'guild-id': ids(MAX_GUILDS_PER_RUN + 1).join('\n') }, { hasRepository: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.join('\n')).toContain(`guild-id lists ${MAX_GUILDS_PER_RUN + 1} servers`);
  });
});
