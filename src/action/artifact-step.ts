import { uploadExportArtifact } from '../github/artifact.js';
import type { SummaryLinks } from '../github/summary.js';
import type { RunnerContext } from './context.js';
import type { ActionLog } from './log.js';

export interface ArtifactStepResult {
  id: number | null;
  link: SummaryLinks['artifact'];
}

/** Uploads export.zip and returns the artifact id and its summary link (a skip is a warning, not a failure). */
export async function uploadArtifactStep(zipPath: string, name: string, retentionDays: number | null, ctx: RunnerContext, log: ActionLog): Promise<ArtifactStepResult> {
  const artifact = await uploadExportArtifact(zipPath, { name, retentionDays, runtimeAvailable: ctx.artifactRuntime, log: (line) => log.warning(line) });
  if (artifact.status === 'skipped') {
    log.warning(`Artifact upload skipped: ${artifact.reason}`);
    return { id: null, link: { skipped: artifact.reason } };
  }
  log.info(`Uploaded ${artifact.name}${artifact.size !== null ? ` (${artifact.size} bytes)` : ''}.`);
  const url = artifact.id !== null && ctx.owner && ctx.runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}/artifacts/${artifact.id}` : null;
  return { id: artifact.id, link: { name: artifact.name, url } };
}
