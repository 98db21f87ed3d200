/** A block-blob endpoint that accepts what @azure/storage-blob sends: Put Block, Put Block List, Put Blob. */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface BlobStore {
  /** Staged (uncommitted) blocks by blob path, then by block id. */
  staged: Map<string, Map<string, Buffer>>;
  /** Committed blobs by path. */
  blobs: Map<string, Buffer>;
}

/** A fresh, empty store. */
export function createBlobStore(): BlobStore {
  return { staged: new Map(), blobs: new Map() };
}

function azureHeaders(req: IncomingMessage, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
    date: new Date().toUTCString(),
    ...extra,
  };
  const clientId = req.headers['x-ms-client-request-id'];
  if (typeof clientId === 'string') headers['x-ms-client-request-id'] = clientId;
  return headers;
}

function azureError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { ...azureHeaders(req), 'x-ms-error-code': code, 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** Reads the block ids of a Put Block List body in order (Latest, Committed and Uncommitted all name staged blocks here). */
function parseBlockList(xml: string): string[] {
  return [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => m[2]);
}

/** Handles one blob request for `blobPath`; `body` is the request payload. */
export function handleBlobRequest(store: BlobStore, blobPath: string, url: URL, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  if (req.method !== 'PUT') return azureError(req, res, 405, 'UnsupportedHttpVerb', `The fake blob service only accepts PUT, got ${req.method}.`);
  const comp = url.searchParams.get('comp');
  const md5 = createHash('md5').update(body).digest('base64');
  const stamp = { etag: `"0x${Date.now().toString(16).toUpperCase()}"`, 'last-modified': new Date().toUTCString() };
  if (comp === 'block') {
    const id = url.searchParams.get('blockid');
    if (!id) return azureError(req, res, 400, 'InvalidQueryParameterValue', 'Put Block needs a blockid query parameter.');
    const blocks = store.staged.get(blobPath) ?? new Map<string, Buffer>();
    blocks.set(id, body);
    store.staged.set(blobPath, blocks);
    res.writeHead(201, azureHeaders(req, { 'content-md5': md5, 'x-ms-request-server-encrypted': 'true', 'content-length': '0' }));
    return void res.end();
  }
  if (comp === 'blocklist') {
    const blocks = store.staged.get(blobPath) ?? new Map<string, Buffer>();
    const ids = parseBlockList(body.toString('utf8'));
    const missing = ids.find((id) => !blocks.has(id));
    if (missing) return azureError(req, res, 400, 'InvalidBlockList', `Block ${missing} was never staged.`);
    store.blobs.set(blobPath, Buffer.concat(ids.map((id) => blocks.get(id)!)));
    store.staged.delete(blobPath);
    res.writeHead(201, azureHeaders(req, { ...stamp, 'content-md5': md5, 'x-ms-request-server-encrypted': 'true', 'content-length': '0' }));
    return void res.end();
  }
  if (comp) return azureError(req, res, 400, 'InvalidQueryParameterValue', `The fake blob service does not support comp=${comp}.`);
  if (String(req.headers['x-ms-blob-type']).toLowerCase() !== 'blockblob') {
    return azureError(req, res, 400, 'MissingRequiredHeader', 'Put Blob needs x-ms-blob-type: BlockBlob.');
  }
  store.blobs.set(blobPath, body);
  res.writeHead(201, azureHeaders(req, { ...stamp, 'content-md5': md5, 'x-ms-request-server-encrypted': 'true', 'content-length': '0' }));
  res.end();
}
