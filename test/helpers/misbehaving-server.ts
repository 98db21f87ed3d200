import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the server answers the requests a rule picks: headers then a byte a second, a body without end, the real
 * answer rewritten, or an answer of its own.
 */
export type Misbehaviour =
  | 'trickle'
  | 'endless'
  | { rewrite: (body: string) => string }
  | { answer: { status: number; body: unknown; /** Sent as is (a string body) with this content type, instead of JSON. */ contentType?: string } };

export interface Rule {
  /** Matched against the request's path and query. */
  pick: RegExp;
  how: Misbehaviour;
}

export interface MisbehavingServer {
  /** An API base to give the exporter (--api-base): like the target's, through this server. */
  readonly apiBase: string;
  /** Body bytes written to the misbehaving answers so far (what the client let through before it hung up). */
  readonly bytesSent: number;
  /** Misbehaving answers started. */
  readonly hits: number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback in front of the fake Discord: every request goes through to `targetApiBase`
 * unchanged, except those the first matching rule picks, which get its misbehaviour instead.
 */
export async function startMisbehavingServer(targetApiBase: string, rules: Rule[]): Promise<MisbehavingServer> {
  const target = new URL(targetApiBase);
  let bytesSent = 0;
  let hits = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const how = rules.find((r) => r.pick.test(req.url ?? ''))?.how;
    if (how) hits++;
    if (!how || typeof how === 'object') {
      const rewrite = how && 'rewrite' in how ? how.rewrite : null;
      if (how && 'answer' in how) {
        const { status, body, contentType } = how.answer;
        res.writeHead(status, { 'content-type': contentType ?? 'application/json' });
        res.end(contentType && typeof body === 'string' ? body : JSON.stringify(body));
        return;
      }
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        if (!rewrite) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
          const body = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')));
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(body.length) });
          res.end(body);
        });
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (how === 'trickle') {
      res.write('[');
      bytesSent++;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(' ');
        bytesSent++;
      }, 1000);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    } else {
      const chunk = Buffer.from(`[${'{"id":"1","name":"x"},'.repeat(64 * 1024 / 22)}`);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) bytesSent += chunk.length;
        if (!res.destroyed) {
          bytesSent += chunk.length;
          res.once('drain', pump);
        }
      };
      res.on('error', () => undefined);
      pump();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}${target.pathname}`,
    get bytesSent() {
      return bytesSent;
    },
    get hits() {
      return hits;
    },
    async close() {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
