import type { ProgressEvent } from '../collectors/types.js';
import type { ExportConfig } from '../config/types.js';
import type { ExportOutcome } from './export-guild.js';
import { runExports } from './run-exports.js';

export type { ExportConfig } from '../config/types.js';
export type { ExportOutcome } from './export-guild.js';

/**
 * One guild's export (see runExports for several at once over one client). Never throws for Discord trouble: a
 * fatal problem (bad token, unknown guild) still writes the files with the error recorded, and the caller decides
 * the exit status. Throws ConfigError for unusable configuration, and whatever unexpected error stopped the export.
 */
export async function runExport(config: ExportConfig, onProgress?: (event: ProgressEvent) => void): Promise<ExportOutcome> {
  const [result] = await runExports([config], onProgress && ((_, event) => onProgress(event)));
  if (result.error) throw result.error;
  return result.outcome!;
}
