import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { prepareOutDir } from './out-dir.js';
import { removeStaleTemps } from './temp-files.js';
import type { ProgressEvent } from '../collectors/types.js';
import { ConfigError } from '../config/validate.js';
import type { ExportConfig } from '../config/types.js';
import { exportGuild, type ExportOutcome } from './export-guild.js';
import { openSession } from './session.js';

export type ExportStatus = ExportOutcome['status'];

/** One guild's result in a run of several. */
export interface GuildResult {
  guildId: string;
  /** The folder its files went to (absolute). */
  outDir: string;
  /** 'fatal' also when the export itself broke (`error`): nothing usable came of it. */
  status: ExportStatus;
  /** The export, unless it broke with an unexpected error. */
  outcome: ExportOutcome | null;
  /** An unexpected error that stopped this guild's export (Discord's own failures are in `outcome` instead). */
  error: Error | null;
}

/**
 * Several guilds' exports at once in one process, over one client: one connection pool, one set of rate-limit
 * buckets and one global budget (Discord counts a bot token's limits across all of them), each guild with its
 * own shared reads, member spool and output folder. One guild failing (an unknown id, a collector error, even an
 * unexpected error) never stops the others. Results come in the order of `configs`.
 *
 * The client's settings (token, API base, demo, timeout, rate-limit settings, audit config) come from the first
 * config; the others must use the same token and API base. Throws ConfigError for unusable configuration only,
 * before any request.
 */
export async function runExports(
  configs: ExportConfig[],
  onProgress?: (index: number, event: ProgressEvent) => void,
  /** Each guild's result as soon as it is in (the others may still run). */
  onResult?: (result: GuildResult, index: number) => void,
): Promise<GuildResult[]> {
  if (configs.length === 0) throw new ConfigError('No guild: pass --guild <server id> (or the guild-id input).');
  const [first] = configs;
  for (const c of configs) {
    if (c.token !== first.token || c.apiBase !== first.apiBase || c.demo !== first.demo) {
      throw new ConfigError('Every guild of one run is exported with the same bot token and API base.');
    }
  }
  // Output folders that cannot take the files are found now, not after the exports (a usage error), and what an
  // interrupted run left there (the member spool holds identities) goes, the name before the pid-tagged ones too.
  const folders = configs.map((c) => prepareOutDir(c.outDir));
  for (const folder of folders) {
    removeStaleTemps(folder);
    rmSync(join(folder, '.members.json.tmp'), { force: true });
  }
  const clash = folders.find((f, i) => folders.indexOf(f) !== i);
  if (clash) throw new ConfigError(`Two guilds would write to the same folder (${clash}): give each its own.`);
  const session = await openSession(first, configs.length);
  try {
    const guildIds = configs.map((c) => c.guildId ?? session.demo?.guildId ?? null);
    if (guildIds.some((id) => !id)) throw new ConfigError('No guild: pass --guild <server id> (or the guild-id input).');
    await session.ready();
    return await Promise.all(configs.map(async (config, i): Promise<GuildResult> => {
      const guildId = guildIds[i]!;
      let result: GuildResult;
      try {
        const outcome = await exportGuild(session, config, guildId, onProgress && ((event) => onProgress(i, event)));
        result = { guildId, outDir: folders[i], status: outcome.status, outcome, error: null };
      } catch (error) {
        result = { guildId, outDir: folders[i], status: 'fatal', outcome: null, error: error instanceof Error ? error : new Error(String(error)) };
      }
      try {
        onResult?.(result, i);
      } catch {
        // A caller's report failing must not stop the other guilds' exports.
      }
      return result;
    }));
  } finally {
    await session.close();
  }
}

/**
 * One config per guild id: with one id, the files go to `config.outDir` as for a single export; with several,
 * each guild's go to `<outDir>/<guild id>/`.
 */
export function configsForGuilds(config: ExportConfig, guildIds: readonly string[]): ExportConfig[] {
  if (guildIds.length <= 1) return [{ ...config, guildId: guildIds[0] ?? config.guildId }];
  return guildIds.map((guildId) => ({ ...config, guildId, outDir: join(config.outDir, guildId) }));
}

/** The run's status: fatal if any guild's export was, else partial if any was, else complete. */
export function worstStatus(results: readonly { status: ExportStatus }[]): ExportStatus {
  if (results.some((r) => r.status === 'fatal')) return 'fatal';
  if (results.some((r) => r.status === 'partial')) return 'partial';
  return 'complete';
}
