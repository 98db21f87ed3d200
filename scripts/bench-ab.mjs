// npm run bench:ab -- [rev]: is this working tree faster than commit `rev` (default HEAD) on the demo guild?
// A change worth a few milliseconds cannot be judged from two `npm run bench` invocations: on this shared host the
// same commit's medians drift by up to 0.1x between them. This runs both versions' fresh-process demo export in
// alternation (A B, B A, A B, ...), each against a fresh fake, so the drift hits both alike, and prints each one's
// medians and the median of the paired differences. Both are measured against this tree's fake, so a change to the
// fake itself is not what it compares. BENCH_AB_PAIRS (default 13), BENCH_LATENCY (ms, default 100), BENCH_NODE (the
// node binary for both exports, default this one), NOBUILD=1 (skip building this tree).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const rev = process.argv[2] ?? 'HEAD';
const pairs = Number(process.env.BENCH_AB_PAIRS ?? 13);
const latencyMs = Number(process.env.BENCH_LATENCY ?? 100);
const nodeBin = process.env.BENCH_NODE ?? process.execPath;
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.bench.abcdefghijklmnopqrstuvwxyz';
const tsc = (cwd) => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd, stdio: 'inherit' });

const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
if (!process.env.NOBUILD) tsc(root);
// The other version, checked out beside this one (sharing node_modules) and built there.
const baseDir = join(root, '.tmp', `bench-ab-${sha}`);
if (!existsSync(baseDir)) {
  execFileSync('git', ['worktree', 'add', '--detach', baseDir, sha], { cwd: root, stdio: 'ignore' });
  symlinkSync(join(root, 'node_modules'), join(baseDir, 'node_modules'), 'dir');
}
try {
  tsc(baseDir);
  const { startFakeDiscord, demoGuild, DEMO_GUILD_ID } = await import(join(root, 'build/fake-discord/index.js'));
  const nice = spawnSync('nice', ['-n', '19', 'true']).status === 0 ? ['nice', '-n', '19'] : [];
  const versions = [{ name: `${sha} (${rev})`, dir: baseDir }, { name: 'this tree', dir: root }];
  const results = versions.map(() => []);
  console.log(`demo guild, ${latencyMs} ms latency, ${pairs} pairs of fresh processes, node ${execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim()}`);
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? [0, 1] : [1, 0];
    for (const v of order) results[v].push(await runOnce(versions[v].dir));
  }
  const median = (values) => {
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };
  for (const [i, v] of versions.entries()) {
    const spans = results[i].map((r) => r.span);
    console.log(`  ${v.name.padEnd(22)} span / bound median ${median(spans).toFixed(3)}x (${Math.min(...spans).toFixed(3)}-${Math.max(...spans).toFixed(3)}), whole run median ${median(results[i].map((r) => r.wholeMs)).toFixed(0)} ms`);
  }
  const diff = (key) => median(results[1].map((r, k) => r[key] - results[0][k][key]));
  console.log(`  this tree - ${sha}: span / bound ${diff('span') >= 0 ? '+' : ''}${diff('span').toFixed(3)}x, whole run ${diff('wholeMs') >= 0 ? '+' : ''}${diff('wholeMs').toFixed(0)} ms (medians of the paired differences)`);

  /** One fresh-process export of the demo guild by the version in `dir`, against a fresh fake. */
  async function runOnce(dir) {
    const fake = await startFakeDiscord({ guilds: [demoGuild()], token: TOKEN, latencyMs, connectLatencyMs: latencyMs });
    const out = mkdtempSync(join(tmpdir(), 'dse-ab-'));
    try {
      const [command, ...args] = [...nice, nodeBin, join(dir, 'scripts/bench-export.mjs')];
      const line = await new Promise((done, fail) => {
        let text = '';
        const child = spawn(command, args, {
          cwd: dir,
          env: { ...process.env, BENCH_GUILD: DEMO_GUILD_ID, BENCH_TOKEN: TOKEN, BENCH_API_BASE: fake.apiBase, BENCH_OUT: out, BENCH_RUNS: '1' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        child.stdout.on('data', (d) => (text += d));
        child.on('exit', (code) => (code === 0 ? done(text.trim().split('\n').pop()) : fail(new Error(`export in ${dir} exited ${code}`))));
      });
      const st = fake.stats();
      return { span: (st.lastResponseAt - st.firstRequestAt) / st.lowerBoundMs, wholeMs: JSON.parse(line).exportMs };
    } finally {
      await fake.close();
      rmSync(out, { recursive: true, force: true });
    }
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: root, stdio: 'ignore' });
}
