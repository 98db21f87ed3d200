import type { ExportConfig } from '../config/types.js';
import { redact } from '../config/redact.js';
import { configsForGuilds, runExports, worstStatus, type GuildResult } from '../pipeline/run-exports.js';
import type { CliIo } from './io.js';
import { resolve } from 'node:path';
import { removeOwnTemps } from './interrupted.js';
import { OutputError } from './exit-codes.js';

/**
 * `export --guild a,b,c`: the guilds exported together over one client, each to `<out>/<guild id>/`. Prints one
 * line per guild (in the order given) and a total; the problems of each go to stderr under its id. Returns the
 * worst exit status among them: 2 if any failed, else 1 if any was partial with --strict, else 0.
 */
export async function runSeveralExports(config: ExportConfig, guildIds: string[], io: CliIo, display: { json: boolean; quiet: boolean }): Promise<number> {
  const secrets = [config.token, config.ai?.apiKey];
  const clean = (text: string) => redact(text, secrets);
  const started = Date.now();
  const configs = configsForGuilds(config, guildIds);
  // Interrupted: every server's temporary files go (the member spools hold identities); files in place stay.
  const untrap = io.trapInterrupts?.((signal) => {
    const removed = configs.reduce((n, c) => n + removeOwnTemps(resolve(c.outDir)).length, 0);
    io.stderr(`Interrupted by ${signal} after ${((Date.now() - started) / 1000).toFixed(1)} s: the exports of ${configs.length} servers were stopped. ` +
      `Removed ${removed} temporary file(s); files already in ${resolve(config.outDir)} were left as they were.\n`);
  });
  const results = await runExports(configs.map((c) => ({
    ...c,
    log: (line: string) => io.stderr(clean(`${c.guildId}: ${line}`) + '\n'),
  })), undefined, (r) => {
    if (!display.quiet) io.progressStream.write(`${r.guildId}: ${r.status === 'fatal' ? 'failed' : r.status}\n`);
  }).finally(() => untrap?.());
  const count = (status: GuildResult['status']) => results.filter((r) => r.status === status).length;
  if (display.json) io.stdout(clean(JSON.stringify(results.map(jsonResult), null, 2)) + '\n');
  else if (!display.quiet) {
    for (const r of results) io.stdout(clean(summaryLine(r)) + '\n');
    io.stdout(`${results.length} servers in ${((Date.now() - started) / 1000).toFixed(1)} s: ${count('complete')} complete, ${count('partial')} partial, ${count('fatal')} failed.\n`);
  }
  for (const r of results) {
    if (r.error) io.stderr(clean(`\n${r.guildId}: the export stopped: ${r.error.message}\n`));
    else if (r.outcome?.fatal) io.stderr(clean(`\n${r.guildId}: export failed: ${r.outcome.fatal.message}\nWhat to do: ${r.outcome.fatal.hint}\n`));
    else if (r.outcome && r.outcome.export.errors.length > 0) {
      io.stderr(`\n${r.guildId}: partial export: ${r.outcome.export.errors.length} problem(s):\n`);
      for (const e of r.outcome.export.errors) io.stderr(clean(`  - ${e.collector} (${e.status}, ${String(e.code)}): ${e.message}\n    ${e.hint}\n`));
    }
  }
  // A folder that could not take the files is the user's to fix first: its status (73, 74) before Discord's.
  const unwritten = results.find((r) => r.error instanceof OutputError);
  if (unwritten) return (unwritten.error as OutputError).exitCode;
  const worst = worstStatus(results);
  if (worst === 'fatal') return 2;
  if (worst === 'partial' && config.strict) return 1;
  return 0;
}

/** export --json with several servers: one object per server, in the order given. */
function jsonResult(r: GuildResult) {
  const exp = r.outcome?.export;
  return {
    guild: { id: r.guildId, name: exp?.server?.name ?? null },
    status: r.status,
    out_dir: r.outDir,
    health_score: exp?.summary.health_score ?? null,
    issues_found: exp?.summary.issues_found ?? [],
    requests: r.outcome?.requests ?? null,
    files: r.outcome?.files ?? null,
    fatal: r.outcome?.fatal ? { message: r.outcome.fatal.message, hint: r.outcome.fatal.hint } : r.error ? { message: r.error.message, hint: null } : null,
    errors: exp?.errors ?? [],
  };
}

/** `<id> complete: "Name", health score 72/100, 61 requests -> out/<id>` (or `<id> failed: why`). */
function summaryLine(r: GuildResult): string {
  if (!r.outcome) return `${r.guildId} failed: ${r.error?.message ?? 'unknown error'}`;
  const exp = r.outcome.export;
  if (r.status === 'fatal') return `${r.guildId} failed: ${r.outcome.fatal?.message ?? 'unknown error'} -> ${r.outDir}`;
  const problems = r.status === 'partial' ? ` (${exp.errors.length} problem${exp.errors.length === 1 ? '' : 's'})` : '';
  const name = JSON.stringify(exp.server?.name ?? r.guildId);
  return `${r.guildId} ${r.status}${problems}: ${name}, health score ${exp.summary.health_score === null ? 'n/a' : `${exp.summary.health_score}/100`}, ${r.outcome.requests} requests -> ${r.outDir}`;
}
