import { resolve } from 'node:path';
import { notCollected, type Section } from '../schema/coverage.js';
import { COLLECTOR_NAMES } from '../collectors/index.js';
import type { ExportConfig } from '../config/types.js';
import {
  ConfigError, parseApiBase, parseCollectorList, parseFormats, parseGuildIds, parseInteger, parseMembersMode,
} from '../config/validate.js';
import { redact } from '../config/redact.js';
import { runExport, type ExportOutcome } from '../pipeline/run-export.js';
import { oneLine } from '../text/escape.js';
import { createProgress } from './progress.js';
import { HELP_OPTION, parseCommand } from './parse.js';
import { EXIT } from './exit-codes.js';
import { ExportActivity, removeOwnTemps } from './interrupted.js';
import { runSeveralExports } from './export-several.js';
import type { CliIo } from './io.js';
import { AI_CLI_HELP, AI_CLI_OPTIONS, aiSettingsFromCli } from '../ai/cli-options.js';
import { aiReviewLines } from '../ai/cli-report.js';

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
  --keep-images          keep emoji and sticker images in export.zip (images/emojis, images/stickers) for a
                         restore; fetched from Discord's CDN (env DISCORD_CDN_BASE replaces it), never in snapshot files
${AI_CLI_HELP}
  --json                 print one JSON summary on stdout (progress stays on stderr)
  --quiet, -q            no progress and no summary: only problems, on stderr
  --help, -h             this help

Collectors: ${COLLECTOR_NAMES.join(', ')}
Exit status: 0 complete or partial export, 1 partial with --strict, 2 fatal (bad token, unknown guild), 64 bad usage
(an unusable --out included, found before any request), 130/143 interrupted (temporary files removed); with several
servers, the worst of theirs.`;

const OPTIONS = {
  ...HELP_OPTION,
  guild: { type: 'string' }, out: { type: 'string' }, demo: { type: 'boolean' }, 'api-base': { type: 'string' },
  only: { type: 'string' }, skip: { type: 'string' }, members: { type: 'string' }, 'max-members': { type: 'string' },
  formats: { type: 'string' }, config: { type: 'string' }, 'prompt-budget': { type: 'string' }, strict: { type: 'boolean' }, 'keep-images': { type: 'boolean' },
  timeout: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, ...AI_CLI_OPTIONS,
} as const;

/** How the result is shown: --json and --quiet. */
export interface ExportDisplay {
  json: boolean;
  quiet: boolean;
}

/** What argv asks for: the help text, or an export (validated, no IO). */
export type ExportRequest = { help: true } | { help: false; config: ExportConfig; display: ExportDisplay };

export function parseExportArgs(argv: string[], env: NodeJS.ProcessEnv): ExportRequest {
  const v = parseCommand('export', { args: argv, options: OPTIONS, allowPositionals: false }).values;
  if (v.help === true) return { help: true };
  const display = { json: v.json === true, quiet: v.quiet === true };
  const demo = v.demo === true;
  // An empty variable is "not set", as shells and the Action's inputs treat it.
  const guild = v.guild ?? (env.DISCORD_GUILD_ID?.trim() || undefined);
  const apiBase = v['api-base'] ?? (env.DISCORD_API_BASE?.trim() || undefined);
  const token = env.DISCORD_TOKEN?.trim() || null;
  if (!demo && !token) {
    throw new ConfigError('No bot token: set the DISCORD_TOKEN environment variable to your bot\'s token (Developer Portal > your application > Bot), or use --demo to try the built-in demo guild.');
  }
  if (!demo && !guild) throw new ConfigError('No server: pass --guild <server id> (or set DISCORD_GUILD_ID).');
  const guildIds = guild ? parseGuildIds(guild, v.guild !== undefined ? '--guild' : 'DISCORD_GUILD_ID') : [];
  const config: ExportConfig = {
    guildId: guildIds[0] ?? null,
    guildIds,
    token: demo ? null : token,
    apiBase: apiBase && !demo ? parseApiBase(apiBase) : null,
    demo,
    outDir: v.out ?? 'out',
    only: v.only !== undefined ? parseCollectorList(v.only, '--only') : null,
    skip: v.skip !== undefined ? parseCollectorList(v.skip, '--skip') : [],
    members: v.members !== undefined ? parseMembersMode(v.members) : 'full',
    maxMembers: v['max-members'] !== undefined ? parseInteger(v['max-members'], '--max-members', 1) : null,
    formats: v.formats !== undefined ? parseFormats(v.formats) : ['json', 'markdown', 'prompt', 'zip'],
    strict: v.strict === true,
    auditConfigPath: v.config ?? null,
    promptBudget: v['prompt-budget'] !== undefined ? parseInteger(v['prompt-budget'], '--prompt-budget', 500, 1_000_000) : 12_000,
    timeoutMs: v.timeout !== undefined ? parseInteger(v.timeout, '--timeout', 100, 600_000) : undefined,
    ai: aiSettingsFromCli(v, env),
    keepImages: v['keep-images'] === true,
    cdnBase: parseCdnBase(env.DISCORD_CDN_BASE?.trim() || null),
  };
  return { help: false, config, display };
}

/** DISCORD_CDN_BASE: an http(s) origin serving Discord's CDN paths (/emojis/..., /stickers/...), or null. */
function parseCdnBase(value: string | null): string | null {
  if (value === null) return null;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`DISCORD_CDN_BASE must be an http(s) URL such as https://cdn.discordapp.com, got "${value}". Unset it to use Discord's CDN.`);
  }
  return value.replace(/\/+$/, '');
}

/** `export`: runs the pipeline and reports; returns the exit status. */
export async function runExportCommand(argv: string[], io: CliIo): Promise<number> {
  const request = parseExportArgs(argv, io.env);
  if (request.help) {
    io.stdout(EXPORT_HELP + '\n');
    return EXIT.ok;
  }
  const { config, display } = request;
  if (config.guildIds && config.guildIds.length > 1) return runSeveralExports(config, config.guildIds, io, display);
  const secrets = [config.token, config.ai?.apiKey];
  const say = (line: string) => {
    if (!display.quiet && !display.json) io.stdout(redact(line, secrets) + '\n');
  };
  const progress = display.quiet ? null : createProgress(io.progressStream, COLLECTOR_NAMES.length);
  const activity = new ExportActivity();
  const outDir = resolve(config.outDir);
  const untrap = io.trapInterrupts?.((signal) => {
    progress?.finish();
    io.stderr(activity.describe(signal, outDir, removeOwnTemps(outDir).length) + '\n');
  });
  let outcome: ExportOutcome;
  try {
    outcome = await runExport({ ...config, log: (l) => io.stderr(redact(oneLine(l, 2000), secrets) + '\n') }, (event) => {
      activity.onEvent(event);
      progress?.onEvent(event);
    });
  } finally {
    progress?.finish();
    untrap?.();
  }
  const exp = outcome.export;
  // Names are chosen by server members: one line, no terminal escape sequences.
  const name = oneLine(exp.server?.name ?? exp.meta.scope.guild_id);
  const code = outcome.status === 'fatal' ? EXIT.fatal : outcome.status === 'partial' && config.strict ? EXIT.partial : EXIT.ok;
  if (outcome.status === 'fatal') {
    io.stderr(redact(`Export failed: ${oneLine(outcome.fatal!.message, 2000)}\nWhat to do: ${outcome.fatal!.hint}\nNothing was collected and nothing was scored; the files below record the failure.\n`, secrets));
  } else {
    const count = (section: Section, n: number | undefined, word: string) =>
      notCollected(exp, section) === null && n !== undefined ? `${n} ${word}` : `${word} not collected`;
    say(`Exported "${name}" in ${(exp.meta.duration_ms / 1000).toFixed(1)} s: ${count('roles', exp.roles.length, 'roles')}, ${count('channels', exp.channels.length, 'channels')}, ${count('member_stats', exp.member_stats?.total, 'members')}, ${count('threads', exp.threads.length, 'threads')} (${outcome.requests} requests).`);
    say(`Health score: ${exp.summary.health_score ?? 'n/a'}/100${exp.summary.issues_found.length ? ` (failing: ${exp.summary.issues_found.join(', ')})` : ''}`);
  }
  for (const [key, path] of Object.entries(outcome.files)) if (path) say(`  ${key.padEnd(12)} ${path}`);
  if (outcome.status !== 'fatal' && exp.errors.length > 0) {
    io.stderr(`\nPartial export: ${exp.errors.length} problem(s):\n`);
    for (const e of exp.errors) io.stderr(redact(`  - ${e.collector} (${e.status}, ${oneLine(String(e.code), 64)}): ${oneLine(e.message, 2000)}\n    ${e.hint}\n`, secrets));
  }
  for (const line of aiReviewLines(outcome.aiReview)) io.stderr(redact(`${line}\n`, secrets));
  if (display.json) io.stdout(redact(JSON.stringify(jsonSummary(outcome, code), null, 2), secrets) + '\n');
  return code;
}

/** export --json: one object a script can read (names as Discord gave them: JSON escapes control characters). */
function jsonSummary(outcome: ExportOutcome, exitCode: number) {
  const exp = outcome.export;
  return {
    status: outcome.status,
    exit_code: exitCode,
    guild: { id: exp.server?.id ?? exp.meta.scope.guild_id, name: exp.server?.name ?? null },
    duration_ms: exp.meta.duration_ms,
    requests: outcome.requests,
    // A count of something not collected is null, never 0.
    counts: {
      roles: notCollected(exp, 'roles') === null ? exp.roles.length : null,
      channels: notCollected(exp, 'channels') === null ? exp.channels.length : null,
      members: notCollected(exp, 'member_stats') === null ? exp.member_stats?.total ?? null : null,
      threads: notCollected(exp, 'threads') === null ? exp.threads.length : null,
    },
    health_score: exp.summary.health_score,
    issues_found: exp.summary.issues_found,
    files: outcome.files,
    fatal: outcome.fatal ? { message: outcome.fatal.message, hint: outcome.fatal.hint, code: outcome.fatal.code, http_status: outcome.fatal.http_status } : null,
    errors: exp.errors,
  };
}
