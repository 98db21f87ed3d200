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
