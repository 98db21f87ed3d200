// One export in its own process, so its peak RSS is its own (the fake runs in the parent).
import { runExport } from '../build/pipeline/run-export.js';

const env = process.env;
const started = performance.now();
const outcome = await runExport({
  guildId: env.BENCH_GUILD,
  token: env.BENCH_TOKEN,
  apiBase: env.BENCH_API_BASE,
  demo: false,
  outDir: env.BENCH_OUT,
  only: null,
  skip: [],
  members: env.BENCH_MEMBERS ?? 'full',
  maxMembers: null,
  formats: ['json', 'markdown', 'prompt', 'zip'],
  strict: false,
  auditConfigPath: null,
  promptBudget: 12_000,
  rateLimitOffsetMs: Number(env.BENCH_OFFSET_MS ?? 50),
  globalRequestsPerSecond: Number(env.BENCH_GLOBAL ?? 50),
});
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
