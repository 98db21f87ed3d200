import { basename } from 'node:path';
import type { RestoreSource } from './types.js';

/** Discord keeps this much of X-Audit-Log-Reason. */
const MAX_REASON = 512;

/**
 * The audit-log reason every write of a restore carries, naming the tool and what it restored from: the file and
 * its hash, or `label` (a git commit, from the Action) instead.
 */
export function auditReason(source: Pick<RestoreSource, 'file' | 'sha'>, label?: string): string {
  const from = label ?? `${basename(source.file)} (sha256 ${source.sha})`;
  return `discord-server-exporter restore from ${from}`.replace(/[\r\n]+/g, ' ').slice(0, MAX_REASON);
}
