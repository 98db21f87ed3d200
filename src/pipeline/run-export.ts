import type { ProgressEvent } from '../collectors/types.js';
import type { ExportConfig } from '../config/types.js';
import type { ExportOutcome } from './export-guild.js';
import { runExports } from './run-exports.js';

export type { ExportConfig } from '../config/types.js';
export type { ExportOutcome } from './export-guild.js';

/**
 * One guild's export (see runExports for several at once over one client). Never throws for Discord trouble: a
 * fatal problem (bad token, unknown guild, no connection) keeps the last good files and records the failure in
 * export-failed.json beside them; the caller decides the exit status. Throws ConfigError for unusable
 * configuration, OutputError when the files cannot be written (a full disk, a read-only folder), and whatever
 * unexpected error stopped the export.
 */
export async function runExport(config: ExportConfig, onProgress?: (event: ProgressEvent) => void): Promise<ExportOutcome> {
  const [result] = await runExports([config], onProgress && ((_, event) => onProgress(event)));
  if (result.error) throw result.error;
  return result.outcome!;
}
