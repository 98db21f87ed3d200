/** Small HTTP helpers shared by the fake's routes: body reading, JSON replies, GitHub-shaped errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const DOCS = 'https://docs.github.com/rest';

/** An error a route throws to answer with GitHub's error JSON ({message, documentation_url, status}). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  /** The body GitHub sends for this error. */
  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra, documentation_url: DOCS, status: String(this.status) };
  }
}

/** A 422 like GitHub's validation failures. */
export function unprocessable(message: string): HttpError {
  return new HttpError(422, message);
}

/** A 404 shaped like GitHub's. */
export function notFound(): HttpError {
  return new HttpError(404, 'Not Found');
}

/** Reads the whole request body into a Buffer. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends a JSON reply with the headers clients look at. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    ...headers,
  });
  res.end(text);
}
