import { dirname } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';

export type ArtifactResult =
  | { status: 'uploaded'; id: number | null; size: number | null }
  | { status: 'skipped'; reason: string };

/** Uploads the export ZIP as a workflow artifact; skipped (not failed) where the Actions runtime is absent. */
export async function uploadExportArtifact(
  zipPath: string,
  options: { name: string; retentionDays: number | null; runtimeAvailable: boolean },
): Promise<ArtifactResult> {
  if (!options.runtimeAvailable) {
    return { status: 'skipped', reason: 'ACTIONS_RUNTIME_TOKEN is not set (not running inside GitHub Actions), so no artifact was uploaded.' };
  }
  const client = new DefaultArtifactClient();
  // The ZIP is already compressed: a second deflate pass only costs time.
  const response = await client.uploadArtifact(options.name, [zipPath], dirname(zipPath), {
    compressionLevel: 0,
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
  });
  return { status: 'uploaded', id: response.id ?? null, size: response.size ?? null };
}

