// npm run bench: exports seeded guilds from the fake Discord API and prints time, requests, 429s, peak RSS and
// the ratio to the lower bound the fake computes from the limits it enforced. Figures, not pass/fail.
// Optional: `node scripts/bench.mjs <scenario name prefix>` runs one scenario; NOBUILD=1 skips the tsc build;
// BENCH_NODE_ARGS passes node flags to the export child (e.g. --cpu-prof); BENCH_KEEP keeps the output folders;
// BENCH_TRACE=1 prints the fake's request timeline; BENCH_TRACE_FILE=path saves the first run's timeline as JSON.
// BENCH_PROCESSES=n runs each demo scenario in n fresh processes (default 9) for a steadier median; BENCH_NICE=n sets
// the children's CPU priority (default 19, the lowest; 0 leaves it alone). BENCH_REALTIME=1 adds the 100k guild at Discord's
// own limits (about 105 s). The `counts:` and `full:` rows are `members: counts` at 1,400 and 1,000,000 members and
// `members: full` at 1,000,000 (about 2 minutes).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.NOBUILD) execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const { startFakeDiscord, demoGuild, generateGuild, DEMO_GUILD_ID, raid, setBotPermissions, RESTORE_BOT_PERMISSIONS } = await import('../build/fake-discord/index.js');
const { runExport } = await import('../build/pipeline/run-export.js');
const { benchConfig } = await import('./bench-config.mjs');

// The exports (and the floor) run at the lowest CPU priority, the fake at normal priority. Discord's servers never
// wait for the client's CPU; here both share two cores, and a fresh client's JIT and GC threads used to starve the
// fake, which then answered late (charged to the client: the 100 ms demo on Node 24 measured ~0.02x worse). A lower
// priority can only slow the client, so whatever the figures gain is the fake's own lateness removed. BENCH_NICE=0
// turns it off; without a `nice` command (Windows) the children run as before.
const NICE = process.env.BENCH_NICE ?? '19';
const CHILD_PREFIX = NICE !== '0' && spawnSync('nice', ['-n', NICE, 'true']).status === 0 ? ['nice', '-n', NICE] : [];
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.bench.abcdefghijklmnopqrstuvwxyz';
const only = process.argv[2];

const scenarios = [
  // Discord's REST answers usually take 50-500 ms (see docs/performance.md): 25 ms is kinder than Discord, which makes the
  // client's own CPU between the round trips weigh the most.
  demoScenario(25, ' (faster than Discord usually answers)'),
  demoScenario(50, ' (the fast end of Discord)'),
  // The reference latency for the target "within 1.10x of the lower bound" (see docs/performance.md).
  { ...demoScenario(100, ' (a typical Discord REST round trip; the reference)'), reference: true },
  {
    name: '100,000 members, 1,000 channels, limits 10x faster, 5 ms latency',
    guild: largeGuild,
    // Every limit 10x faster, so it runs in seconds with the same shape: route windows shrink 10x (members: 10 per
    // 1 s), and the global budget keeps Discord's 1 s window (the one @discordjs/rest assumes) with 10x the
    // requests (500 per second), the client told the same. The client's 50 ms reset offset shrinks like the windows.
    fake: { latencyMs: 5, connectLatencyMs: 5, timeScale: 0.1, limits: { globalLimit: 500, globalWindowMs: 10_000 } },
    globalPerSecond: 500,
    offsetMs: 5,
    large: true,
  },
  {
    // Opt-in (about 105 s): the same guild at Discord's own limits and a typical round trip. Scaling the limits
    // 10x shrinks the bound but not the CPU after the last response (writing export.json and its ZIP), so only
    // here does "whole run / bound" show what a user of a big guild waits for.
    name: '100,000 members, 1,000 channels, Discord limits, 100 ms latency (opt-in: BENCH_REALTIME=1)',
    guild: largeGuild,
    fake: { latencyMs: 100, connectLatencyMs: 100 },
    offsetMs: 50,
    large: true,
    realtime: true,
  },
  {
    // Many servers in one run: 20 guilds of the demo's size (distinct seeds) exported together through one client,
    // one global budget and one set of buckets; the bound is the fake's for all of them together (the global limit).
    name: '20 guilds of 1,400 members in one run, one budget, Discord limits, 100 ms latency',
    guild: () => manyGuilds()[0],
    guilds: manyGuilds,
    fake: { latencyMs: 100, connectLatencyMs: 100 },
    offsetMs: 50,
    multi: true,
  },
];

/**
 * `members: counts` reads Discord's counts instead of the member list: the same requests for 1,400 members as for
 * 1,000,000 (the demo server grown, its members made on demand by the fake). One process each; the target is the
 * whole run (what a user waits for) under 3 s and the same request count for both.
 */
scenarios.push(
  {
    name: 'counts: demo guild (1,400 members), Discord limits, 100 ms latency',
    guild: () => demoGuild(),
    id: DEMO_GUILD_ID,
    members: 'counts',
    fake: { latencyMs: 100, connectLatencyMs: 100 },
    offsetMs: 50,
    target: 'counts',
    label: 'counts, 1,400 members',
  },
  {
    name: 'counts: 1,000,000 members (the demo grown), Discord limits, 100 ms latency',
    guild: () => grownDemo(),
    id: DEMO_GUILD_ID,
    members: 'counts',
    fake: { latencyMs: 100, connectLatencyMs: 100 },
    offsetMs: 50,
    target: 'counts',
    label: 'counts, 1,000,000 members',
  },
  {
    // Every member read and written: 1,000 pages at 10 per second (limits 10x faster), about 100 s. Members stream
    // to disk, so memory must not grow with them.
    name: 'full: 1,000,000 members (the demo grown), limits 10x faster, 5 ms latency',
    guild: () => grownDemo(),
    id: DEMO_GUILD_ID,
    members: 'full',
    fake: { latencyMs: 5, connectLatencyMs: 5, timeScale: 0.1, limits: { globalLimit: 500, globalWindowMs: 10_000 } },
    globalPerSecond: 500,
    offsetMs: 5,
    target: 'full-1m',
  },
);

/** The demo server with members made on demand up to 1,000,000 in all. */
function grownDemo() {
  return demoGuild(undefined, { extraMembers: 1_000_000 - demoGuild().members.length });
}

/** The demo's shape (1,400 members, 20 roles, 30 channels) with a distinct seed each. */
function manyGuilds() {
  return Array.from({ length: 20 }, (_, i) => generateGuild({ seed: `many-${i}`, members: 1_400, roles: 20, text: 15, voice: 4, categories: 6, announcement: 1, stage: 1, forum: 1, media: 1 }));
}

function largeGuild() {
  return generateGuild({ seed: 42, members: 100_000, roles: 60, categories: 50, text: 600, voice: 200, announcement: 50, stage: 20, forum: 50, media: 30, threadsPerChannel: 1, archivedThreadsPerChannel: 2, invites: 200, webhooks: 100, emojis: 200, stickers: 30, events: 20, automodRules: 6, bans: 3000 });
}

/**
 * A restore: the demo exported, raided (the fake's default nuke: 4 roles, a category with its channels and 2 more
 * channels deleted, spam channels, @everyone made Administrator), then `apply --yes` in a fresh process against a
 * fresh fake (no bucket carries over from the export). The bound is the fake's for the apply's reads and writes;
 * `npm run bench -- restore` runs this row alone; BENCH_RESTORE_PROCESSES=n sets its processes (default 3).
 */
scenarios.push({
  name: 'restore the demo after a raid (apply --yes), Discord limits, 100 ms latency',
  restore: true,
  fake: { latencyMs: 100, connectLatencyMs: 100 },
  processes: Number(process.env.BENCH_RESTORE_PROCESSES ?? 3),
});

/** Per scenario, the fresh-process figures the summary at the end holds against the targets. */
const outcomes = [];

/** The demo guild at one latency, every new connection charged one latency for its handshakes. */
function demoScenario(latencyMs, note) {
  return {
    name: `demo guild (1,400 members), Discord limits, ${latencyMs} ms latency${note}`,
    guild: () => demoGuild(),
    id: DEMO_GUILD_ID,
    fake: { latencyMs, connectLatencyMs: latencyMs },
    offsetMs: 50,
    floor: true,
    rounds: true,
    runs: 2,
    processes: Number(process.env.BENCH_PROCESSES ?? 9),
  };
}

for (const s of scenarios) {
  if (only && !s.name.startsWith(only)) continue;
  if (s.realtime && !process.env.BENCH_REALTIME && !only) continue;
  if (s.restore) {
    outcomes.push(await restoreScenario(s));
    continue;
  }
  const guild = s.guild();
  console.log(`\n== ${s.name}`);
  // Timing on a small VM varies from run to run: the demo runs in several fresh processes (each against a fresh
  // fake, so no bucket carries over) and the summary gives the median and the range. The first is shown in full.
  const ratios = [];
  const floors = [];
  let bound = 0;
  for (let proc = 0; proc < (s.processes ?? 1); proc++) {
    const guilds = s.guilds ? s.guilds() : [proc === 0 ? guild : s.guild()];
    const fake = await startFakeDiscord({ guilds, token: TOKEN, trace: true, ...s.fake });
    const out = mkdtempSync(join(tmpdir(), 'dse-bench-'));
    try {
      await runChild({
        BENCH_GUILD: s.id ?? guild.guild.id, BENCH_TOKEN: TOKEN, BENCH_API_BASE: fake.apiBase, BENCH_OUT: out,
        BENCH_OFFSET_MS: String(s.offsetMs), BENCH_GLOBAL: String(s.globalPerSecond ?? 50), BENCH_RUNS: String(s.runs ?? 1),
        BENCH_MEMBERS: s.members ?? 'full',
        BENCH_GUILDS: guilds.map((g) => g.guild.id).join(','),
      }, async (result, run) => {
        const st = fake.stats();
        fake.resetStats();
        bound = st.lowerBoundMs;
        const span = (st.lastResponseAt ?? 0) - (st.firstRequestAt ?? 0);
        (ratios[run] ??= []).push({ span: span / bound, whole: result.exportMs / bound, status: result.status, ratelimited: st.ratelimited, late: fakeLateness(st, s),
          exportMs: result.exportMs, requests: st.requests, rssMb: result.maxRssMb, complete: result.complete, guilds: result.guilds });
        if (proc === 0) await report(s, result, st, run);
      }, s.multi ? 'scripts/bench-exports.mjs' : undefined);
    } finally {
      await fake.close();
      if (process.env.BENCH_KEEP) console.log(`  kept                    ${out}`);
      else rmSync(out, { recursive: true, force: true });
    }
    // The floor right after each export, so both meet the same moment of a shared host (its load drifts by up
    // to 0.1x between invocations): the difference per pair is steadier than either figure.
    if (s.floor) floors.push(await bareRequestFloor(s));
  }
  if ((s.processes ?? 1) > 1) {
    for (const [run, list] of ratios.entries()) {
      const label = run === 0 ? 'fresh process' : 'warm code    ';
      const spans = list.map((r) => r.span);
      const wholes = list.map((r) => r.whole);
      console.log(`  ${label} x${list.length}  span / bound median ${median(spans).toFixed(3)}x (${range(spans)}), whole run / bound median ${median(wholes).toFixed(2)}x; ${list.filter((r) => r.status === 'complete').length} complete, ${list.reduce((n, r) => n + r.ratelimited, 0)} 429s; fake late by ${median(list.map((r) => r.late)).toFixed(1)} ms (median of maxima)`);
    }
  }
  const outcome = { s, fresh: ratios[0] ?? [], floor: null, excess: null };
  outcomes.push(outcome);
  if (floors.length > 0) {
    outcome.floor = median(floors);
    const excess = outcome.fresh.map((r, i) => r.span - floors[i]);
    outcome.excess = median(excess);
    console.log(`  bare-request floor x${floors.length}  span / bound median ${median(floors).toFixed(3)}x (${range(floors)}): the same two round trips with bare undici request(), warm code, measured after each export`);
    console.log(`  fresh export - floor    median ${signed(outcome.excess)}x (${range(excess)}), paired by process`);
  }
}

summarise(outcomes);

/** Export, raid, apply in a child; per process the apply's span and whole run against the fake's bound. */
async function restoreScenario(s) {
  console.log(`\n== ${s.name}`);
  const fresh = [];
  for (let proc = 0; proc < s.processes; proc++) {
    const guild = demoGuild();
    // A full restore asks for Administrator: Discord lets a bot grant only the permissions it holds.
    setBotPermissions(guild, RESTORE_BOT_PERMISSIONS | 8n);
    const out = mkdtempSync(join(tmpdir(), 'dse-bench-'));
    // A bot token starts with its user id in base64, as Discord's do (the restore reads the bot's member record early).
    const token = `${Buffer.from(guild.botUserId).toString('base64')}.${TOKEN.split('.').slice(1).join('.')}`;
    const before = await startFakeDiscord({ guilds: [guild], token, ...s.fake });
    try {
      const exported = await runExport(benchConfig({ BENCH_TOKEN: token, BENCH_API_BASE: before.apiBase }, { guildId: DEMO_GUILD_ID, outDir: out, formats: ['json'] }));
      if (exported.status !== 'complete') throw new Error(`the export before the raid ended ${exported.status}`);
    } finally {
      await before.close();
    }
    raid(guild);
    const fake = await startFakeDiscord({ guilds: [guild], token, trace: true, ...s.fake });
    try {
      await runChild({ BENCH_SOURCE: join(out, 'export.json'), BENCH_GUILD: DEMO_GUILD_ID, BENCH_TOKEN: token, BENCH_API_BASE: fake.apiBase }, (result) => {
        const st = fake.stats();
        const span = (st.lastResponseAt ?? 0) - (st.firstRequestAt ?? 0);
        const r = { span: span / st.lowerBoundMs, whole: result.applyMs / st.lowerBoundMs, spanMs: span, boundMs: st.lowerBoundMs, applyMs: result.applyMs,
          code: result.code, writes: st.writes.length, refused: st.refusedWrites, requests: st.requests, ratelimited: st.ratelimited };
        fresh.push(r);
        if (proc > 0) return;
        console.log(`  apply (whole run)       ${(result.applyMs / 1000).toFixed(2)} s  (exit ${result.code}${result.code === 0 ? '' : `: ${result.stderr.trim().split('\n').slice(0, 3).join(' / ')}`})`);
        console.log(`  network span            ${(span / 1000).toFixed(3)} s  (first request -> last response)`);
        console.log(`  lower bound             ${(st.lowerBoundMs / 1000).toFixed(3)} s  (${st.lowerBoundDetail})`);
        console.log(`  span / lower bound      ${r.span.toFixed(3)}x   (whole run / lower bound ${r.whole.toFixed(3)}x)`);
        console.log(`  requests                ${st.requests} served (${r.writes} writes, ${r.refused} refused), over ${st.connections} connections; 429s ${st.ratelimited}`);
        if (process.env.BENCH_TRACE) {
          const t0 = Math.min(...st.trace.map((e) => e.arrivedMs));
          for (const e of [...st.trace].sort((a, b) => a.arrivedMs - b.arrivedMs)) console.log(`    ${(e.arrivedMs - t0).toFixed(1).padStart(7)} -> ${((e.sentMs ?? NaN) - t0).toFixed(1).padStart(7)}  ${e.path.slice(0, 90)}`);
        }
      }, 'scripts/bench-apply.mjs');
    } finally {
      await fake.close();
      rmSync(out, { recursive: true, force: true });
    }
  }
  const spans = fresh.map((r) => r.span);
  console.log(`  fresh process x${fresh.length}  span / bound median ${median(spans).toFixed(3)}x (${range(spans)}), whole run / bound median ${median(fresh.map((r) => r.whole)).toFixed(3)}x; exit ${[...new Set(fresh.map((r) => r.code))].join(', ')}; ${fresh.reduce((n, r) => n + r.ratelimited, 0)} 429s`);
  return { s, fresh, floor: null, excess: null };
}

/**
 * The same two round trips with no client library (scripts/bench-floor.mjs), in its own process against a fresh
 * fake: the first run warms the code, the second is the figure.
 */
async function bareRequestFloor(s) {
  const fake = await startFakeDiscord({ guilds: [s.guild()], token: TOKEN, ...s.fake });
  let ratio = NaN;
  try {
    await runChild({ BENCH_GUILD: s.id, BENCH_TOKEN: TOKEN, BENCH_API_BASE: fake.apiBase, BENCH_RUNS: '2' }, (_result, run) => {
      const st = fake.stats();
      fake.resetStats();
      if (run === 1) ratio = (st.lastResponseAt - st.firstRequestAt) / st.lowerBoundMs;
    }, 'scripts/bench-floor.mjs');
  } finally {
    await fake.close();
  }
  return ratio;
}

function signed(x) {
  return `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
}

function range(values) {
  return `${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)}`;
}

/** The performance targets against the fresh-process figures (what a user gets), one line each. */
function summarise(list) {
  if (list.length === 0) return;
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log('\n== Targets, fresh processes');
  const demos = list.filter((o) => !o.s.large && !o.s.target && !o.s.multi && !o.s.restore);
  if (demos.length > 0) {
    const slowest = Math.max(...demos.flatMap((o) => o.fresh.map((r) => r.exportMs))) / 1000;
    console.log(`  demo exports in under 3 s                      slowest whole run ${slowest.toFixed(2)} s: ${verdict(slowest < 3)}`);
    for (const o of demos) {
      const spans = o.fresh.map((r) => r.span);
      const m = median(spans);
      const floor = o.floor === null ? '' : `, bare-request floor ${o.floor.toFixed(3)}x (export ${o.excess >= 0 ? 'above' : 'below'} it by ${signed(o.excess)}x, paired)`;
      const label = o.s.reference ? 'demo within 1.10x of its bound, reference' : 'demo within 1.10x of its bound, sensitivity';
      console.log(`  ${label.padEnd(46)} ${o.s.fake.latencyMs} ms: median ${m.toFixed(3)}x (${range(spans)})${floor}: ${verdict(m <= 1.1)}`);
    }
  }
  const all = list.flatMap((o) => o.fresh);
  const limited = all.reduce((n, r) => n + r.ratelimited, 0);
  const requests = all.reduce((n, r) => n + r.requests, 0);
  console.log(`  429s under 1 % of requests                     ${limited} of ${requests} (${((100 * limited) / Math.max(1, requests)).toFixed(2)} %): ${verdict(limited < requests / 100)}`);
  const counts = list.filter((o) => o.s.target === 'counts');
  for (const o of counts) {
    const r = o.fresh[0];
    console.log(`  ${`${o.s.label}: whole run under 3 s`.padEnd(46)} whole run ${(r.exportMs / 1000).toFixed(2)} s, ${r.requests} requests, ${r.status}: ${verdict(r.exportMs < 3000 && r.status === 'complete')}`);
  }
  if (counts.length === 2) {
    // Both are the same server but for its members: the counts route is one request whatever the size, and each
    // bot is read as a member, so the requests differ by the bots alone (here none: the same bots).
    const [small, big] = counts.map((o) => o.fresh[0]);
    console.log(`  ${'counts: same requests at 1,400 and 1,000,000'.padEnd(46)} ${small.requests} and ${big.requests} (the same bots): ${verdict(small.requests === big.requests)}`);
  }
  for (const o of list.filter((x) => x.s.target === 'full-1m')) {
    const r = o.fresh[0];
    console.log(`  ${'full, 1,000,000 members: span within 1.05x'.padEnd(46)} span ${r.span.toFixed(3)}x (whole run ${r.whole.toFixed(3)}x, files written): ${verdict(r.span <= 1.05)}`);
    console.log(`  ${'full, 1,000,000 members: peak RSS < 300 MB'.padEnd(46)} ${r.rssMb.toFixed(0)} MB: ${verdict(r.rssMb < 300)}`);
  }
  for (const o of list.filter((x) => x.s.multi)) {
    const r = o.fresh[0];
    console.log(`  ${'20 guilds in one run: within 1.10x of the bound'.padEnd(46)} whole run ${r.whole.toFixed(3)}x (span ${r.span.toFixed(3)}x), ${r.complete} of ${r.guilds} complete: ${verdict(r.whole <= 1.1 && r.complete === r.guilds)}`);
    console.log(`  ${'20 guilds in one run: no 429'.padEnd(46)} ${r.ratelimited} 429s of ${r.requests} requests: ${verdict(r.ratelimited === 0)}`);
  }
  for (const o of list.filter((x) => x.s.restore)) {
    const m = median(o.fresh.map((r) => r.span));
    const ok = o.fresh.every((r) => r.code === 0 && r.refused === 0);
    console.log(`  ${'restore after a raid: within 1.2x of its bound'.padEnd(46)} span median ${m.toFixed(3)}x (${range(o.fresh.map((r) => r.span))}), bound ${(o.fresh[0].boundMs / 1000).toFixed(3)} s, every apply exit 0 with no refusal ${ok ? 'yes' : 'NO'}: ${verdict(m <= 1.2 && ok)}`);
  }
  for (const o of list.filter((x) => x.s.large)) {
    const r = o.fresh[0];
    const at = o.s.realtime ? ', Discord limits' : '';
    console.log(`  ${`100k members${at}: peak RSS under 300 MB`.padEnd(46)} ${r.rssMb.toFixed(0)} MB: ${verdict(r.rssMb < 300)}`);
    // The same measure as the demo's (what the fake can bound: first request to last response); the whole run adds
    // writing the 67 MB export.json and its ZIP after the last response, shown beside it.
    console.log(`  ${`100k members${at}: within 1.10x of its bound`.padEnd(46)} span ${r.span.toFixed(3)}x: ${verdict(r.span <= 1.1)} (whole run, files written: ${r.whole.toFixed(3)}x: ${verdict(r.whole <= 1.1)}${o.s.realtime ? '' : '; with limits 10x faster the writing weighs tenfold: the whole run is judged at Discord\'s limits, BENCH_REALTIME=1'})`);
  }
}

/** The most any response left the fake after its due time (arrival + latency): the rig's own error, charged to the client. */
function fakeLateness(st, s) {
  return Math.max(0, ...(st.trace ?? []).map((e) => (e.sentMs ?? 0) - e.arrivedMs - s.fake.latencyMs));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function report(s, result, st, run) {
  const span = (st.lastResponseAt ?? 0) - (st.firstRequestAt ?? 0);
  const ratio = st.lowerBoundMs > 0 ? span / st.lowerBoundMs : NaN;
  const label = (s.runs ?? 1) > 1 ? (run === 0 ? ' [fresh process]' : ' [same process again: warm code]') : '';
  console.log(` run ${run + 1}${label}`);
  console.log(`  export (whole run)      ${(result.exportMs / 1000).toFixed(2)} s  (status ${result.status}, ${result.errors} errors)`);
  console.log(`  network span            ${(span / 1000).toFixed(3)} s  (first request -> last response)`);
  console.log(`  lower bound             ${(st.lowerBoundMs / 1000).toFixed(3)} s  (${st.lowerBoundDetail})`);
  console.log(`  span / lower bound      ${ratio.toFixed(3)}x   (whole run / lower bound ${(result.exportMs / st.lowerBoundMs).toFixed(3)}x)`);
  if (s.rounds && st.trace?.length) {
    // Where a two-round-trip export loses time: between the first responses leaving the fake and the second
    // round's requests reaching it (client CPU: parsing, collectors, dispatch), and in the fake's own timers.
    const firstOut = Math.min(...st.trace.map((e) => e.sentMs ?? Infinity));
    const round2 = st.trace.filter((e) => e.arrivedMs >= firstOut);
    const lastIn = Math.max(...round2.map((e) => e.arrivedMs));
    console.log(`  second round            ${round2.length} requests, the last in ${(lastIn - firstOut).toFixed(1)} ms after the first response left`);
    if (process.env.BENCH_TRACE) {
      const t0 = Math.min(...st.trace.map((e) => e.arrivedMs));
      for (const e of [...st.trace].sort((a, b) => a.arrivedMs - b.arrivedMs)) console.log(`    ${(e.arrivedMs - t0).toFixed(1).padStart(6)} -> ${((e.sentMs ?? NaN) - t0).toFixed(1).padStart(6)}  ${e.path.slice(0, 90)}`);
    }
  }
  if (process.env.BENCH_TRACE_FILE && run === 0 && st.trace?.length) (await import('node:fs')).writeFileSync(process.env.BENCH_TRACE_FILE, JSON.stringify({ t0: st.firstRequestAt, trace: st.trace }));
  if (st.trace?.length) console.log(`  fake's own lateness     ${fakeLateness(st, s).toFixed(1)} ms at most (a response sent after its due time)`);
  console.log(`  requests                ${st.requests} served, ${result.requests} sent by the client, over ${st.connections} connections`);
  console.log(`  429s                    ${st.ratelimited} (${((100 * st.ratelimited) / Math.max(1, st.requests)).toFixed(2)} %), global ${st.globalRatelimited}`);
  console.log(`  peak RSS of the export  ${result.maxRssMb.toFixed(0)} MB`);
  console.log(`  slowest collectors      ${result.slowest}`);
  console.log(`  collected               ${result.members} members, ${result.channels} channels, ${result.threads} threads`);
}

/** Runs the export child; calls onResult for each export, then lets the child go on after the windows reset. */
function runChild(env, onResult, script = 'scripts/bench-export.mjs') {
  return new Promise((resolve, reject) => {
    const args = [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), script];
    const [command, ...rest] = [...CHILD_PREFIX, process.execPath, ...args];
    const child = spawn(command, rest, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    let buffered = '';
    let run = 0;
    child.stdout.on('data', (d) => {
      buffered += d;
      for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
        const line = buffered.slice(0, i);
        buffered = buffered.slice(i + 1);
        onResult(JSON.parse(line), run++);
        // The next export starts once the 1 s global window of this one has passed (no bucket is near its limit).
        setTimeout(() => child.stdin.write('next\n'), 1200);
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench child exited ${code}`))));
  });
}
