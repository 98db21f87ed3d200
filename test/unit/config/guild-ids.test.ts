import { describe, expect, it } from 'vitest';
import { ConfigError, parseGuildIds } from '../../../src/config/validate.js';

const A = '111111111111111111';
const B = '222222222222222222';

describe('parseGuildIds', () => {
  it('takes commas and line breaks (a YAML block, CRLF too), drops blanks and repeats, keeps the order given', () => {
    expect(parseGuildIds(`${B}, ${A}\r\n${B}\n\n,${A},`)).toEqual([B, A]);
    expect(parseGuildIds(` ${A} `)).toEqual([A]);
  });

  it('names the bad id and where it came from', () => {
    expect(() => parseGuildIds(`${A},12345`, 'DISCORD_GUILD_ID')).toThrow(ConfigError);
    expect(() => parseGuildIds(`${A},12345`, 'DISCORD_GUILD_ID')).toThrow(/DISCORD_GUILD_ID .*"12345"/);
    expect(() => parseGuildIds(' , \n')).toThrow(/--guild must be a Discord server id/);
  });
});
