import { notCollected, type Section } from '../schema/coverage.js';
import { parseArgs } from 'node:util';
import { COLLECTOR_NAMES } from '../collectors/index.js';
import type { ExportConfig } from '../config/types.js';
import {
  ConfigError, parseApiBase, parseCollectorList, parseFormats, parseGuildIds, parseInteger, parseMembersMode,
} from '../config/validate.js';
import { redact } from '../config/redact.js';
import { runExport } from '../pipeline/run-export.js';
import { createProgress } from './progress.js';
import { runSeveralExports } from './export-several.js';
import type { CliIo } from './io.js';

export const EXPORT_HELP = `Usage: discord-server-exporter export [options]

Exports a Discord server (guild) over the REST API with a bot token (env DISCORD_TOKEN).

  --guild ID[,ID...]     server id (17-20 digits), or several: exported together, each to <out>/<id>/; env DISCORD_GUILD_ID
  --out DIR              output folder (default ./out)
  --demo                 export the built-in demo guild from the local fake API (no token needed)
  --api-base URL         Discord API base (default https://discord.com/api; env DISCORD_API_BASE), e.g. a rate-limit proxy
  --only a,b             run only these collectors
  --skip a,b             skip these collectors
  --members MODE         none | counts | full (default full: member records in export.json only)
  --max-members N        stop reading members after N
  --formats LIST         json,markdown,prompt,zip (default all)
  --config FILE          audit configuration (.discord-audit.yml)
  --prompt-budget N      token budget of audit-prompt.md (default 12000)
  --timeout MS           per-request timeout (default 15000)
  --strict               exit 1 when any collector failed (partial export)

Collectors: ${COLLECTOR_NAMES.join(', ')}
Exit status: 0 complete or partial export, 1 partial with --strict, 2 fatal (bad token, unknown guild), 64 bad usage;
with several servers, the worst of theirs.`;

/** Parses argv into an ExportConfig (no IO). */
export function parseExportArgs(argv: string[], env: NodeJS.ProcessEnv): ExportConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        guild: { type: 'string' }, out: { type: 'string' }, demo: { type: 'boolean' }, 'api-base': { type: 'string' },
        only: { type: 'string' }, skip: { type: 'string' }, members: { type: 'string' }, 'max-members': { type: 'string' },
        formats: { type: 'string' }, config: { type: 'string' }, 'prompt-budget': { type: 'string' }, strict: { type: 'boolean' },
        timeout: { type: 'string' },
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run "discord-server-exporter export --help" for the options.`);
  }
  const v = parsed.values;
  const demo = v.demo === true;
  const guild = v.guild ?? env.DISCORD_GUILD_ID;
  const apiBase = v['api-base'] ?? env.DISCORD_API_BASE;
  const token = env.DISCORD_TOKEN?.trim() || null;
  if (!demo && !token) {
    throw new ConfigError('No bot token: set the DISCORD_TOKEN environment variable to your bot\'s token (Developer Portal > your application > Bot), or use --demo to try the built-in demo guild.');
  }
  if (!demo && !guild) throw new ConfigError('No server: pass --guild <server id> (or set DISCORD_GUILD_ID).');
  const guildIds = guild ? parseGuildIds(guild, v.guild !== undefined ? '--guild' : 'DISCORD_GUILD_ID') : [];
  return {
    guildId: guildIds[0] ?? null,
    guildIds,
    token: demo ? null : token,
    apiBase: apiBase && !demo ? parseApiBase(apiBase) : null,
    demo,
    outDir: v.out ?? 'out',
    only: v.only ? parseCollectorList(v.only, '--only') : null,
    skip: v.skip ? parseCollectorList(v.skip, '--skip') : [],
    members: v.members ? parseMembersMode(v.members) : 'full',
    maxMembers: v['max-members'] ? parseInteger(v['max-members'], '--max-members', 1) : null,
    formats: v.formats ? parseFormats(v.formats) : ['json', 'markdown', 'prompt', 'zip'],
    strict: v.strict === true,
    auditConfigPath: v.config ?? null,
    promptBudget: v['prompt-budget'] ? parseInteger(v['prompt-budget'], '--prompt-budget', 500, 1_000_000) : 12_000,
    timeoutMs: v.timeout ? parseInteger(v.timeout, '--timeout', 100, 600_000) : undefined,
  };
}

/** `export`: runs the pipeline and reports; returns the exit status. */
export async function runExportCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(EXPORT_HELP + '\n');
    return 0;
  }
  const config = parseExportArgs(argv, io.env);
  if (config.guildIds && config.guildIds.length > 1) return runSeveralExports(config, config.guildIds, io);
  const secrets = [config.token];
  const say = (line: string) => io.stdout(redact(line, secrets) + '\n');
  const progress = createProgress(io.progressStream, COLLECTOR_NAMES.length);
  const outcome = await runExport({ ...config, log: (l) => io.stderr(redact(l, secrets) + '\n') }, progress.onEvent);
  progress.finish();
  const exp = outcome.export;
  const name = exp.server?.name ?? exp.meta.scope.guild_id;
  if (outcome.status === 'fatal') {
    io.stderr(redact(`Export failed: ${outcome.fatal!.message}\nWhat to do: ${outcome.fatal!.hint}\nNothing was collected and nothing was scored; the files below record the failure.\n`, secrets));
  } else {
    const count = (section: Section, n: number | undefined, word: string) =>
      notCollected(exp, section) === null && n !== undefined ? `${n} ${word}` : `${word} not collected`;
    say(`Exported "${name}" in ${(exp.meta.duration_ms / 1000).toFixed(1)} s: ${count('roles', exp.roles.length, 'roles')}, ${count('channels', exp.channels.length, 'channels')}, ${count('member_stats', exp.member_stats?.total, 'members')}, ${count('threads', exp.threads.length, 'threads')} (${outcome.requests} requests).`);
    say(`Health score: ${exp.summary.health_score ?? 'n/a'}/100${exp.summary.issues_found.length ? ` (failing: ${exp.summary.issues_found.join(', ')})` : ''}`);
  }
  for (const [key, path] of Object.entries(outcome.files)) if (path) say(`  ${key.padEnd(12)} ${path}`);
  if (outcome.status !== 'fatal' && exp.errors.length > 0) {
    io.stderr(`\nPartial export: ${exp.errors.length} problem(s):\n`);
    for (const e of exp.errors) io.stderr(redact(`  - ${e.collector} (${e.status}, ${String(e.code)}): ${e.message}\n    ${e.hint}\n`, secrets));
  }
  if (outcome.status === 'fatal') return 2;
  if (outcome.status === 'partial' && config.strict) return 1;
  return 0;
}
