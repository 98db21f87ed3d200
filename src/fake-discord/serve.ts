import { startFakeDiscord } from './server.js';
import { DEMO_GUILD_ID, FAKE_BOT_TOKEN } from './demo.js';

/**
 * Manual use: `npm run build && node build/fake-discord/serve.js` serves the demo guild until Ctrl+C.
 * FAKE_DISCORD_LATENCY_MS and FAKE_DISCORD_CONNECT_LATENCY_MS set the round trip and the per-connection handshake;
 * FAKE_DISCORD_SPARSE=1 serves it as a Discord-compatible server that is not Discord (see sparse.ts).
 */
async function main(): Promise<void> {
  const fake = await startFakeDiscord({
    latencyMs: Number(process.env.FAKE_DISCORD_LATENCY_MS ?? 0),
    connectLatencyMs: Number(process.env.FAKE_DISCORD_CONNECT_LATENCY_MS ?? 0),
    sparse: process.env.FAKE_DISCORD_SPARSE === '1',
  });
  console.log(`fake Discord API: ${fake.apiBase}  (guild ${DEMO_GUILD_ID}, token ${FAKE_BOT_TOKEN})${process.env.FAKE_DISCORD_SPARSE === '1' ? ', sparse' : ''}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => { void fake.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
