import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/validate.js';

/** Every subcommand takes --help / -h. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * node:util parseArgs for one subcommand, strict: an unknown option, a missing or an empty value (`--only=`) is a
 * usage error (ConfigError, exit 64) that names the command's --help. An empty value is refused rather than read as
 * "all" or "no limit": a script that expanded an empty variable meant something, and guessing it is worse.
 */
export function parseCommand<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  const helpHint = `Run "discord-server-exporter ${command} --help" for the options.`;
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs<T>({ ...config, strict: true });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.replace(/\.?\s*$/, '.')} ${helpHint}`);
  }
  for (const [name, value] of Object.entries(parsed.values as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) {
      throw new ConfigError(`--${name} needs a value, got an empty one. ${helpHint}`);
    }
  }
  return parsed;
}
