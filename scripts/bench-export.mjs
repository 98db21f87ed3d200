// One export (or BENCH_RUNS exports) in its own process, so its peak RSS is its own (the fake runs in the
// parent). Prints one JSON line per export and, between exports, waits for the parent to say "next" on stdin
// (it reads and resets the fake's figures in between), so a second run shows the same export with warm code.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { runExport } from '../build/pipeline/run-export.js';
import { benchConfig } from './bench-config.mjs';

const env = process.env;
const runs = Number(env.BENCH_RUNS ?? 1);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let run = 0; run < runs; run++) {
  if (run > 0) await lines.next();
  const started = performance.now();
  const outcome = await runExport(benchConfig(env, { guildId: env.BENCH_GUILD, outDir: join(env.BENCH_OUT, String(run)) }));
  const exportMs = performance.now() - started;
  process.stdout.write(JSON.stringify({
    exportMs,
    collectMs: outcome.export.meta.duration_ms,
    status: outcome.status,
    errors: outcome.export.errors.length,
    requests: outcome.requests,
    members: outcome.export.member_stats?.total ?? 0,
    channels: outcome.export.channels.length,
    threads: outcome.export.threads.length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    slowest: Object.entries(outcome.export.meta.collectors).sort((a, b) => b[1].duration_ms - a[1].duration_ms).slice(0, 4).map(([n, r]) => `${n} ${r.duration_ms} ms`).join(', '),
  }) + '\n');
}
process.exit(0);
