/** A fake of the Actions results service's ArtifactService (JSON twirp) used by @actions/artifact 6. */
import { createHash, randomBytes } from 'node:crypto';
import type { FakeState } from './state.js';
import type { BlobStore } from './blob-storage.js';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** Builds an unsigned JWT whose scp claim carries the run and job backend ids the artifact client reads. */
export function makeRuntimeToken(runId: string, jobId: string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const scp = `Actions.GenericRead:${runId} Actions.Results:${runId}:${jobId}`;
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ scp, exp: Math.floor(Date.now() / 1000) + 3600 })}.${randomBytes(16).toString('base64url')}`;
}

export interface TwirpReply {
  status: number;
  body: unknown;
}

interface Pending {
  name: string;
  blobPath: string;
}

/** Handles the twirp calls; returns undefined when the path is not an ArtifactService method. */
export function handleTwirp(
  path: string,
  body: Record<string, unknown>,
  ctx: { state: FakeState; blobs: BlobStore; pending: Map<string, Pending>; origin: string; sig: string },
): TwirpReply | undefined {
  if (!path.startsWith(SERVICE)) return undefined;
  const method = path.slice(SERVICE.length);
  const run = String(body.workflow_run_backend_id ?? body.workflowRunBackendId ?? '');
  const job = String(body.workflow_job_run_backend_id ?? body.workflowJobRunBackendId ?? '');
  const name = String(body.name ?? '');
  if (!run || !job || !name) return { status: 400, body: { code: 'invalid_argument', msg: 'workflow_run_backend_id, workflow_job_run_backend_id and name are required' } };
  const key = `${run}/${job}/${name}`;
  if (method === 'CreateArtifact') {
    if (ctx.state.artifacts.some((a) => a.name === name)) {
      return { status: 409, body: { code: 'already_exists', msg: `an artifact with this name already exists on the workflow run: ${name}` } };
    }
    const blobPath = `/devstoreaccount1/actions-results/${key}.zip`;
    ctx.pending.set(key, { name, blobPath });
    const url = `${ctx.origin}${blobPath}?sv=2025-01-05&sr=b&sp=cw&se=2099-01-01T00%3A00%3A00Z&sig=${ctx.sig}`;
    return { status: 200, body: { ok: true, signed_upload_url: url } };
  }
  if (method === 'FinalizeArtifact') {
    const pending = ctx.pending.get(key);
    const bytes = pending && ctx.blobs.blobs.get(pending.blobPath);
    if (!pending || !bytes) return { status: 404, body: { code: 'not_found', msg: `no uploaded blob for artifact ${name}; call CreateArtifact and upload first` } };
    const hash = (body.hash as { value?: string } | undefined)?.value;
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (hash !== undefined && hash !== actual) {
      return { status: 400, body: { code: 'invalid_argument', msg: `hash ${hash} does not match the uploaded blob (${actual}); the upload was corrupted` } };
    }
    if (body.size !== undefined && String(body.size) !== String(bytes.length)) {
      return { status: 400, body: { code: 'invalid_argument', msg: `size ${String(body.size)} does not match the uploaded blob (${bytes.length} bytes)` } };
    }
    ctx.pending.delete(key);
    const id = String(ctx.state.nextId++);
    ctx.state.artifacts.push({ id, name, bytes });
    return { status: 200, body: { ok: true, artifact_id: id } };
  }
  return { status: 404, body: { code: 'bad_route', msg: `the fake results service does not implement ${method}` } };
}
