// One `apply --yes` in its own process, through the CLI's own entry (main), against the fake the parent runs:
// prints one JSON line with the whole run and the exit status (the parent reads the fake's figures).
import { main } from '../build/cli/main.js';

const env = process.env;
const started = performance.now();
let stderr = '';
const code = await main(['apply', env.BENCH_SOURCE, '--guild', env.BENCH_GUILD, '--yes', '--quiet'], {
  stdout: () => {},
  stderr: (t) => (stderr += t),
  env: { DISCORD_TOKEN: env.BENCH_TOKEN, DISCORD_API_BASE: env.BENCH_API_BASE },
  progressStream: process.stderr,
});
process.stdout.write(JSON.stringify({ applyMs: performance.now() - started, code, stderr: stderr.slice(0, 2000), maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
process.exit(0);
