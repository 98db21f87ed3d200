import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ArtifactResult =
  | { status: 'uploaded'; id: number | null; size: number | null; name: string }
  | { status: 'skipped'; reason: string };

/** Names tried after the first when it is taken (`name-2` .. `name-9`). */
const MAX_NAME_SUFFIX = 9;

/** True when the results service refused the name because the run already has an artifact called that. */
export function isNameTaken(err: unknown): boolean {
  return err instanceof Error && /\(409\)|already exists/i.test(err.message);
}

/**
 * Uploads the export ZIP as a workflow artifact named `<name>.zip`; skipped (not failed) where the Actions runtime
 * is absent.
 * Artifact names are unique per workflow run: a re-run job or a second step for the same guild takes the next
 * free `name-N` instead of failing.
 */
export async function uploadExportArtifact(
  zipPath: string,
  options: { name: string; retentionDays: number | null; runtimeAvailable: boolean; log?: (line: string) => void },
): Promise<ArtifactResult> {
  if (!options.runtimeAvailable) {
    return { status: 'skipped', reason: 'ACTIONS_RUNTIME_TOKEN is not set (not running inside GitHub Actions), so no artifact was uploaded.' };
  }
  // Loaded here, not at start-up: the artifact library (with the Azure storage SDK) is most of the bundle, and a run
  // without an upload (a local run, a failed export) should not pay for reading and compiling it.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  // Uploaded as the ZIP itself (no archive around it), so the download is export.zip under the artifact's name.
  const staging = mkdtempSync(join(dirname(zipPath), '.artifact-'));
  try {
    for (let n = 1; ; n++) {
      const name = n === 1 ? options.name : `${options.name}-${n}`;
      const file = join(staging, `${name}.zip`);
      copyFileSync(zipPath, file);
      try {
        const response = await client.uploadArtifact(`${name}.zip`, [file], staging, {
          skipArchive: true,
          ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
        });
        return { status: 'uploaded', id: response.id ?? null, size: response.size ?? null, name: `${name}.zip` };
      } catch (err) {
        if (err instanceof Error && err.name === 'GHESNotSupportedError') {
          return { status: 'skipped', reason: 'this GitHub Enterprise Server does not support @actions/artifact v2+ uploads; use the zip-path output with another upload step.' };
        }
        if (!isNameTaken(err) || n >= MAX_NAME_SUFFIX) throw err;
        options.log?.(`This run already has an artifact named "${name}.zip"; trying "${options.name}-${n + 1}.zip".`);
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
