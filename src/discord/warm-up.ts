import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { createRest } from './client.js';

/** Requests the warm-up makes, side by side as an export's rounds do (three did about as well as sixteen). */
const WARM_REQUESTS = 6;
/** Items in each answer: a few kilobytes, like most of an export's answers (one big answer did no better). */
const ANSWER_ITEMS = 50;
/** Only ever passed to the server below: never Discord's, never the user's. */
const WARM_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.warm-up.not-a-real-token';

let done: Promise<void> | null = null;

/**
 * Runs the HTTP client's whole path once, in this process, while the export's first round trip is in flight (the
 * client is idle then): requests through @discordjs/rest, our makeRequest and undici, over loopback sockets to a
 * server here that answers like Discord (JSON, rate-limit headers). In a fresh process the first answers otherwise
 * pay for compiling that code on the critical path, between the first round trip and the second. Measured on the
 * demo guild (npm run bench:ab, 15 pairs of fresh processes each): at 100 ms the span fell by 0.040x of its bound
 * on Node 20 (1.127x -> 1.098x in medians) and 0.035x on Node 24 (1.127x -> 1.088x), at 50 ms by 0.037x, at 25 ms
 * by 0.012x; the whole run by 16-32 ms. Once per process; any failure (no loopback, say) is ignored: the export
 * only loses the head start.
 */
export function warmHttpClient(): Promise<void> {
  done ??= run().catch(() => undefined);
  return done;
}

async function run(): Promise<void> {
  const body = JSON.stringify(Array.from({ length: ANSWER_ITEMS }, (_, i) => ({
    id: String(100000000000000000n + BigInt(i)), name: `warm-up ${i}`, permissions: '0', position: i, color: 0, managed: false,
  })));
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-reset': (Date.now() / 1000 + 10).toFixed(3),
      'x-ratelimit-reset-after': '10.000',
      'x-ratelimit-bucket': '0123456789abcdef0123456789abcdef',
    });
    res.end(body);
  });
  server.unref();
  const agent = new Agent();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const rest = createRest({ token: WARM_TOKEN, apiBase: `http://127.0.0.1:${port}`, agent, timeoutMs: 5_000 });
    await Promise.all(Array.from({ length: WARM_REQUESTS }, (_, i) => rest.get(`/channels/10000000000000000${i}/threads/archived/public`)));
  } finally {
    await agent.close().catch(() => undefined);
    server.close();
  }
}
