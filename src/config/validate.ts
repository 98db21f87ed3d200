import { COLLECTOR_NAMES, type CollectorName } from '../collectors/index.js';
import type { MembersMode } from '../schema/types.js';
import { OUTPUT_FORMATS, type OutputFormat } from './types.js';

/** A user mistake in the inputs: printed as is, with no stack. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A guild id: a 17-20 digit snowflake. */
export function parseGuildId(value: string, source = '--guild'): string {
  const id = value.trim();
  if (!/^\d{17,20}$/.test(id)) {
    throw new ConfigError(`${source} must be a Discord server id (17 to 20 digits), got "${id}". Turn on Developer Mode, right-click the server and choose Copy Server ID.`);
  }
  return id;
}

/**
 * The most servers one run exports. They share one bot token's global budget (50 requests a second), so each
 * one added slows the others: past this, split the list over several runs (or jobs).
 */
export const MAX_GUILDS_PER_RUN = 100;

/** Why a list of `count` server ids is too long, or null when it is not. */
export function tooManyGuilds(count: number, source: string): string | null {
  return count > MAX_GUILDS_PER_RUN
    ? `${source} lists ${count} servers; one run exports at most ${MAX_GUILDS_PER_RUN} (they share one bot token's rate limit): split the list over several runs.`
    : null;
}

/**
 * One or several guild ids, separated by commas or line breaks (a YAML block, an environment variable): each
 * checked, blanks ignored, repeats dropped (the first one's place kept). At least one, at most MAX_GUILDS_PER_RUN.
 */
export function parseGuildIds(value: string, source = '--guild'): string[] {
  const ids = value.split(/[,\r\n]+/).map((s) => s.trim()).filter(Boolean).map((id) => parseGuildId(id, source));
  if (ids.length === 0) throw new ConfigError(`${source} must be a Discord server id (17 to 20 digits), or several separated by commas, got "${value.trim()}".`);
  const unique = [...new Set(ids)];
  const tooMany = tooManyGuilds(unique.length, source);
  if (tooMany) throw new ConfigError(tooMany);
  return unique;
}

export function parseMembersMode(value: string, source = '--members'): MembersMode {
  if (value === 'none' || value === 'counts' || value === 'full') return value;
  throw new ConfigError(`${source} must be none, counts or full, got "${value}".`);
}

/** A comma-separated list of collector names, each checked against the registry. */
export function parseCollectorList(value: string, source: string): CollectorName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(COLLECTOR_NAMES as string[]).includes(name)) {
      throw new ConfigError(`${source}: unknown collector "${name}". Known: ${COLLECTOR_NAMES.join(', ')}.`);
    }
  }
  return names as CollectorName[];
}

export function parseFormats(value: string, source = '--formats'): OutputFormat[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(OUTPUT_FORMATS as string[]).includes(name)) {
      throw new ConfigError(`${source}: unknown format "${name}". Known: ${OUTPUT_FORMATS.join(', ')}.`);
    }
  }
  if (names.length === 0) throw new ConfigError(`${source} needs at least one of ${OUTPUT_FORMATS.join(', ')}.`);
  return names as OutputFormat[];
}

/** A whole number within bounds. */
export function parseInteger(value: string, source: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`${source} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return n;
}

/**
 * A bot token: surrounding whitespace and a "Bot " prefix are dropped (a trailing newline from a file or a secret is common), but
 * whitespace or any other character a token never has inside it is a usage error, found before any request
 * (sent as is, it would make an invalid Authorization header). The message never echoes the token.
 */
export function parseToken(value: string, source = 'The bot token (DISCORD_TOKEN or the discord-token input)'): string {
  // The header form ("Bot abc...") is what people paste from examples: the prefix is dropped, not an error.
  const token = value.trim().replace(/^Bot\s+/i, '');
  const fresh = 'Copy it again from the Developer Portal > your application > Bot > Reset Token.';
  const at = token.search(/\s/);
  if (at >= 0) {
    const what = /[\r\n]/.test(token[at]) ? 'a line break' : token[at] === '\t' ? 'a tab' : 'a space';
    throw new ConfigError(`${source} has ${what} inside it (character ${at + 1} of ${token.length}): a bot token is one line with no spaces. ${fresh}`);
  }
  const bad = token.search(/[^\x21-\x7e]/);
  if (bad >= 0) throw new ConfigError(`${source} has a character a token never has (character ${bad + 1} of ${token.length}): it is letters, digits, dots, dashes and underscores. ${fresh}`);
  return token;
}

/** An http(s) base URL for the Discord API (a proxy, or the fake). */
export function parseApiBase(value: string, source = '--api-base'): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(`${source} must be an http(s) URL such as https://discord.com/api, got "${value}".`);
  }
}
