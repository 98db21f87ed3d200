import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fake OpenAI-compatible chat completions server on loopback (`/v1/chat/completions`, or `/chat/completions`
 * at the root). Each request takes the next queued reply (then the default), so a test scripts a run: an answer,
 * a 403, a 429 with retry-after, a redirect, a slow answer, a refusal, an empty answer.
 */
export type FakeReply =
  | { kind: 'answer'; content: string | null; model?: string; finishReason?: string; refusal?: string | null; delayMs?: number }
  | { kind: 'status'; status: number; error?: { code?: string; message?: string }; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /** A 3xx pointing elsewhere (e.g. at another fake), which a client must not follow. */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }
  /** Never answers (the socket stays open until the client gives up or the server closes). */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  /** The parsed JSON body (null when it was not JSON). */
  body: { model?: string; messages?: { role: string; content: string }[]; max_tokens?: number; max_completion_tokens?: number } | null;
  at: number;
}

export interface FakeOpenAI {
  /** OpenAI-style base URL (`http://127.0.0.1:<port>/v1`). */
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order. */
  queue(...replies: FakeReply[]): void;
  /** The reply once the queue is empty (default: a short Markdown answer). */
  setDefault(reply: FakeReply): void;
  close(): Promise<void>;
}

export const DEFAULT_ANSWER = 'Overall the server is in fair shape.\n\n1. **What to change**: Server Settings > Safety Setup > enable 2FA for moderation.';

const PATHS = new Set(['/v1/chat/completions', '/chat/completions']);

/** Starts the fake on 127.0.0.1 (ephemeral port); close() it when done. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const pending: FakeReply[] = [];
  let fallback: FakeReply = { kind: 'answer', content: DEFAULT_ANSWER };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(text) as RecordedRequest['body'];
    } catch {
      body = null;
    }
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? null, body, at: Date.now() });
    if (req.method !== 'POST' || !PATHS.has(path)) return json(res, 404, { error: { code: 'not_found', message: `No route ${req.method} ${path}` } });
    const reply = pending.shift() ?? fallback;
    switch (reply.kind) {
      case 'hang':
        return;
      case 'redirect':
        res.writeHead(reply.status, { location: reply.location, 'content-type': 'text/plain' });
        res.end(`Moved to ${reply.location}`);
        return;
      case 'raw':
        res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
        res.end(reply.body);
        return;
      case 'status':
        return json(res, reply.status, { error: { code: reply.error?.code ?? 'error', message: reply.error?.message ?? `status ${reply.status}` } }, reply.headers);
      case 'answer': {
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        return json(res, 200, {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: reply.model ?? body?.model ?? 'unknown',
          choices: [{
            index: 0,
            message: { role: 'assistant', content: reply.content, refusal: reply.refusal ?? null },
            finish_reason: reply.finishReason ?? 'stop',
          }],
          usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
        });
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    queue: (...replies) => void pending.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** Reads the request body, at most 10 MB (a client bug must not grow the test's memory without end). */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000_000) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
