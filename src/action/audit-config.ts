import { existsSync, mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../writers/atomic.js';
import { basename, join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../audit/index.js';
import { ConfigError } from '../config/validate.js';
import type { GitHubClient } from '../github/client.js';
import { readTextFile } from '../github/repository.js';

/**
 * The audit config file for this run. The Action needs no checkout, so a config committed to the repository is
 * usually not on the runner: a path that is not on disk (or, with no `config` input, the first of
 * .discord-audit.yml/.yaml/.json) is read from the repository at the workflow's commit and written to a temp file.
 * An explicit `config` found nowhere is an error; an absent default file just means the defaults.
 */
export async function resolveAuditConfig(
  input: string | null,
  options: { client: GitHubClient | null; ref: string | null; tempDir: string; warn: (text: string) => void },
): Promise<string | null> {
  if (input && existsSync(input)) return input;
  if (!input) {
    const local = CONFIG_FILE_NAMES.find((name) => existsSync(name));
    if (local) return local;
  }
  const { client } = options;
  if (!client) {
    if (input) throw new ConfigError(`The config file ${input} does not exist on the runner, and there is no repository to read it from.`);
    return null;
  }
  for (const path of input ? [input] : CONFIG_FILE_NAMES) {
    let text: string | null;
    try {
      text = await readTextFile(client, path, options.ref);
    } catch (err) {
      if (input) throw new ConfigError(`Could not read the config file ${input} from the repository: ${(err as Error).message}`);
      options.warn(`Could not look for ${path} in the repository (${(err as Error).message}); using the default audit settings.`);
      return null;
    }
    if (text !== null) {
      const dir = join(options.tempDir, 'discord-audit-config');
      mkdirSync(dir, { recursive: true });
      // Keep the file name: its extension tells YAML from JSON.
      const local = join(dir, basename(path));
      await writeFileAtomic(local, text);
      return local;
    }
  }
  if (input) throw new ConfigError(`The config file ${input} is neither on the runner nor in the repository${options.ref ? ` at ${options.ref.slice(0, 7)}` : ''}. Check the config input's path (relative to the repository root).`);
  return null;
}
