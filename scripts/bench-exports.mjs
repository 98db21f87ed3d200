// Several guilds' exports in one run (runExports: one client, one budget) in their own process, for the bench's
// many-guilds row. BENCH_GUILDS is the comma-separated ids; prints one JSON line with the run's figures.
import { runExports, configsForGuilds, worstStatus } from '../build/pipeline/run-exports.js';
import { benchConfig } from './bench-config.mjs';

const env = process.env;
const ids = env.BENCH_GUILDS.split(',');
const started = performance.now();
const results = await runExports(configsForGuilds(benchConfig(env, { guildId: null, outDir: env.BENCH_OUT }), ids));
const exportMs = performance.now() - started;
const outcomes = results.map((r) => r.outcome).filter(Boolean);
const sum = (f) => outcomes.reduce((n, o) => n + f(o), 0);
process.stdout.write(JSON.stringify({
  exportMs,
  status: worstStatus(results),
  complete: results.filter((r) => r.status === 'complete').length,
  guilds: results.length,
  errors: sum((o) => o.export.errors.length) + results.filter((r) => r.error).length,
  requests: sum((o) => o.requests),
  members: sum((o) => o.export.member_stats?.total ?? 0),
  channels: sum((o) => o.export.channels.length),
  threads: sum((o) => o.export.threads.length),
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  slowest: outcomes.map((o) => o.export.meta.duration_ms).sort((a, b) => b - a).slice(0, 3).map((ms) => `guild ${ms} ms`).join(', '),
}) + '\n');
process.exit(0);
