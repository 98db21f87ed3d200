import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { unzipEntries } from '../../fakes/github/unzip.js';

let fake: FakeGitHub | undefined;
let dir: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(join(tmpdir(), 'fake-gh-artifact-'));
  // @actions/artifact reads these at call time, as it does on a runner.
  process.env.ACTIONS_RUNTIME_TOKEN = fake.runtimeToken;
  process.env.ACTIONS_RESULTS_URL = fake.resultsUrl;
  delete process.env.GITHUB_SERVER_URL;
});
afterEach(async () => {
  process.env = { ...savedEnv };
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fake GitHub: Actions results service and block-blob storage', () => {
  it('receives an artifact uploaded by the real @actions/artifact client, byte for byte', async () => {
    writeFileSync(join(dir, 'export.zip'), 'PK-not-really-a-zip');
    writeFileSync(join(dir, 'snapshot.md'), '# Guild\n');
    const client = new DefaultArtifactClient();
    const result = await client.uploadArtifact('discord-export', [join(dir, 'export.zip'), join(dir, 'snapshot.md')], dir, { retentionDays: 5 });

    expect(fake!.artifacts).toHaveLength(1);
    const [artifact] = fake!.artifacts;
    expect(artifact.name).toBe('discord-export');
    expect(String(result.id)).toBe(artifact.id);
    expect(result.size).toBe(artifact.bytes.length);
    const files = unzipEntries(artifact.bytes);
    expect(files.get('export.zip')?.toString()).toBe('PK-not-really-a-zip');
    expect(files.get('snapshot.md')?.toString()).toBe('# Guild\n');
    const paths = fake!.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
    expect(paths[0]).toBe('POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact 200');
    expect(paths.at(-1)).toBe('POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact 200');
    expect(fake!.requests.some((r) => r.path.includes('comp=blocklist') && r.status === 201)).toBe(true);
  });

  it('assembles a multi-block upload in block-list order', async () => {
    const big = randomBytes(9 * 1024 * 1024); // over the client's 8 MiB block size
    writeFileSync(join(dir, 'big.bin'), big);
    await new DefaultArtifactClient().uploadArtifact('big', [join(dir, 'big.bin')], dir, { compressionLevel: 0 });
    expect(fake!.requests.filter((r) => r.path.includes('comp=block&')).length).toBeGreaterThanOrEqual(2);
    expect(unzipEntries(fake!.artifacts[0].bytes).get('big.bin')?.equals(big)).toBe(true);
  });

  it('accepts a single-shot Put Blob and rejects a wrong runtime token or signature', async () => {
    const f = fake!;
    const twirp = (method: string, body: unknown, token = f.runtimeToken) =>
      fetch(`${f.apiUrl}/twirp/github.actions.results.api.v1.ArtifactService/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const ids = { workflow_run_backend_id: 'r', workflow_job_run_backend_id: 'j', name: 'one-shot' };
    expect((await twirp('CreateArtifact', ids, 'wrong')).status).toBe(401);
    const created = (await (await twirp('CreateArtifact', { ...ids, version: 7 })).json()) as { ok: boolean; signed_upload_url: string };
    expect(created.ok).toBe(true);
    const badSig = created.signed_upload_url.replace(/sig=[^&]+/, 'sig=forged');
    expect((await fetch(badSig, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' })).status).toBe(403);
    const put = await fetch(created.signed_upload_url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'hello blob' });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBeTruthy();
    const finalized = (await (await twirp('FinalizeArtifact', { ...ids, size: '10' })).json()) as { ok: boolean; artifact_id: string };
    expect(finalized.ok).toBe(true);
    expect(f.artifacts.map((a) => [a.id, a.name, a.bytes.toString()])).toEqual([[finalized.artifact_id, 'one-shot', 'hello blob']]);
  });
});
