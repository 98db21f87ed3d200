import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DiscordApi } from '../discord/api.js';
import { createRest, DEFAULT_API_BASE } from '../discord/client.js';
import { Connections } from '../discord/connections.js';
import { COLLECTOR_NAMES, type CollectorName } from '../collectors/index.js';
import { FileMemberSink, NullMemberSink, type MemberSink } from '../collectors/member-sink.js';
import { runCollectors, toExportError } from '../collectors/run.js';
import { Sources } from '../collectors/sources.js';
import type { ProgressEvent } from '../collectors/types.js';
import { ConfigError, parseToken } from '../config/validate.js';
import { redact } from '../config/redact.js';
import type { ExportConfig } from '../config/types.js';
import { emptyExport } from '../schema/empty.js';
import type { GuildExport } from '../schema/types.js';
import { computeAccess } from '../permissions/access.js';
import { applyAuditToSummary, buildAuditPrompt, loadAuditConfig, runAudit, type AuditConfig, type AuditResult } from '../audit/index.js';
import { writeOutputs, type OutputFiles } from './write-outputs.js';
import { preflight, type Fatal } from './preflight.js';
import { startDemo, type DemoHandle } from './demo.js';
import { warmTokenizer } from './warm-tokenizer.js';
import { aiReviewStep } from '../ai/export-step.js';
import type { AiReview } from '../ai/review.js';
import { prepareOutDir } from './out-dir.js';
import { removeStaleTemps, tempPath } from './temp-files.js';

export type { ExportConfig } from '../config/types.js';

export interface ExportOutcome {
  /** The export (summary filled; `members` empty: they were streamed to export.json). */
  export: GuildExport;
  status: 'complete' | 'partial' | 'fatal';
  fatal: Fatal | null;
  files: OutputFiles;
  audit: AuditResult;
  /** Requests the client sent (retries included). */
  requests: number;
  /** The AI review (config.ai), or null when none was asked for or the export failed. */
  aiReview: AiReview | null;
}

/**
 * One export: preflight -> collectors (concurrent, each failing alone) -> effective access -> audit -> writers.
 * Never throws for Discord trouble: a fatal problem (bad token, unknown guild) still writes the files with the
 * error recorded, and the caller decides the exit status. Throws ConfigError for unusable configuration only.
 */
export async function runExport(config: ExportConfig, onProgress?: (event: ProgressEvent) => void): Promise<ExportOutcome> {
  const started = Date.now();
  if (!config.demo && !config.token) {
    throw new ConfigError('No bot token: set the DISCORD_TOKEN environment variable (or the discord-token input), or use --demo to export the built-in demo guild.');
  }
  // A token that cannot be sent (whitespace inside) is a usage error before any request.
  if (!config.demo) parseToken(config.token!);
  if (config.apiBase && !URL.canParse(config.apiBase)) {
    throw new ConfigError(`The Discord API base "${config.apiBase}" is not a URL: give one like https://discord.com/api (--api-base, DISCORD_API_BASE or the api-base input).`);
  }
  // A bad audit config is a usage error: say so before any request, not after a long export.
  const auditConfig = loadAuditConfig(config.auditConfigPath);
  if (!config.demo && !config.guildId) throw new ConfigError('No guild: pass --guild <server id> (or the guild-id input).');
  // An output folder that cannot take the files is found now, not after the whole export.
  const outDir = prepareOutDir(config.outDir);
  // What an interrupted run left (the member spool holds identities); the name before the pid-tagged ones too.
  removeStaleTemps(outDir);
  rmSync(join(outDir, '.members.json.tmp'), { force: true });
  // The demo's server is the first thing opened: whatever happens after, it is closed (the process can exit).
  const demo = config.demo ? await startDemo() : null;
  try {
    return await exportTo(config, outDir, auditConfig, demo, started, onProgress);
  } finally {
    await demo?.close();
  }
}

async function exportTo(
  config: ExportConfig, outDir: string, auditConfig: AuditConfig, demo: DemoHandle | null, started: number,
  onProgress?: (event: ProgressEvent) => void,
): Promise<ExportOutcome> {
  const guildId = config.guildId ?? demo!.guildId;
  const token = demo?.token ?? parseToken(config.token!);
  const secrets = [token, ...(config.secrets ?? [])];
  const log = (line: string) => config.log?.(redact(line, secrets));

  const freshExport = () => {
    const e = emptyExport(guildId, { members: config.members, demo: config.demo });
    e.meta.exported_at = new Date(started).toISOString();
    e.meta.scope.max_members = config.maxMembers;
    return e;
  };
  let exp = freshExport();

  const sink: MemberSink = config.members === 'full' ? new FileMemberSink(tempPath(outDir, 'members.json')) : new NullMemberSink();
  const apiBase = demo?.apiBase ?? config.apiBase ?? DEFAULT_API_BASE;
  // The demo's fake runs in this process, on loopback: never through a proxy.
  const connections = new Connections(apiBase, demo ? { proxy: null } : {});
  const rest = createRest({
    token,
    apiBase,
    agent: connections.agent,
    timeoutMs: config.timeoutMs,
    offsetMs: config.rateLimitOffsetMs,
    globalRequestsPerSecond: config.globalRequestsPerSecond,
  });
  const api = new DiscordApi(rest, { globalRequestsPerSecond: config.globalRequestsPerSecond, rateLimitOffsetMs: config.rateLimitOffsetMs });
  let firstPageRead = noop;
  const firstPage = new Promise<void>((resolve) => (firstPageRead = resolve));
  const sources = new Sources(api, guildId, {
    members: config.members,
    maxMembers: config.maxMembers,
    sink,
    onMembers: (fetched, total) => {
      firstPageRead();
      onProgress?.({ type: 'members', fetched, total });
    },
  });
  try {
    // The first round trip's requests leave together on sockets opened for them (see Connections.ready).
    await connections.ready(FIRST_ROUND_SOCKETS);
    const selected = selectCollectors(config);
    // Every read that needs only the guild id goes out now, in the first round trip, with the guild check; the
    // per-channel reads follow as soon as the channel list is in (Sources).
    const startMembers = config.members !== 'none' && selected.some((n) => ['members', 'roles', 'bots'].includes(n));
    const checking = preflight(sources, guildId, {
      startMembers,
      startThreads: selected.some((n) => ['threads', 'forums'].includes(n)),
    });
    // While the first round trip is in flight, open the sockets the second will need (see Connections).
    setImmediate(() => connections.warm(warmConnections(config.globalRequestsPerSecond)));
    warmTokenizer({ guild: sources.fetchGuild(), firstPage: startMembers ? firstPage : null, secondRoundSent: sources.secondRoundSent() });
    const progress = heldProgress(onProgress);
    const collecting = runCollectors(exp, {
      api,
      guildId,
      members: config.members,
      maxMembers: config.maxMembers,
      sink,
      sources,
      selected,
      skipReasons: skipReasons(config),
      onProgress: (event) => progress.emit(event),
    });
    const fatal = await checking;
    if (fatal) {
      // Every collector failed the same way: let them settle (the spool is removed after), report the cause once.
      progress.drop();
      await collecting.catch(() => undefined);
      await api.settled();
      exp = freshExport();
      exp.errors.push(toExportError('server', 'failed', { ...fatal, retryable: false, tokenRejected: false }));
      // Nothing was read: every section is "not collected" for the same reason, and nothing is scored.
      exp.meta.fatal = { message: fatal.message, hint: fatal.hint };
      for (const name of COLLECTOR_NAMES) {
        exp.meta.collectors[name] = { status: 'failed', count: 0, duration_ms: 0, reason: `the export failed: ${fatal.message}` };
      }
    } else {
      progress.open();
      await collecting;
      if (api.isTokenRejected) log('Discord rejected the token during the run: later requests were not sent.');
    }
    for (const e of exp.errors) e.message = redact(e.message, secrets);
    exp.access = fatal ? [] : safely(() => computeAccess(exp), []);
    const audit = runAudit(exp, auditConfig);
    const prompt = await buildAuditPrompt(exp, audit, { budgetTokens: config.promptBudget });
    applyAuditToSummary(exp, audit, prompt.prompt);
    exp.meta.duration_ms = Date.now() - started;
    // Bounded in time (config.ai.timeoutMs) and never throwing: a review delays the files at most that long.
    if (config.ai && !fatal) log(`AI review: asking ${config.ai.model} (up to ${Math.round(config.ai.timeoutMs / 1000)} s)…`);
    const ai = config.ai && !fatal ? await aiReviewStep(exp, audit, config.ai, outDir) : null;
    const files = await writeOutputs(exp, { outDir, formats: config.formats, members: sink, secrets, inviteCodes: config.inviteCodes, extraFiles: ai?.files });
    const status = fatal ? 'fatal' : exp.errors.length > 0 ? 'partial' : 'complete';
    return { export: exp, status, fatal, files, audit, requests: api.requests, aiReview: ai?.review ?? null };
  } finally {
    sink.dispose();
    await connections.close();
  }
}

/**
 * Sockets for the first round trip: the guild, the channel list, the first member page, the active threads and
 * the guild-level reads of every collector (about ten). A few more than that cost nothing: they serve the second.
 */
const FIRST_ROUND_SOCKETS = 16;

/**
 * How many sockets to open ahead for the second round trip (a page per channel): as wide as the global budget
 * lets it be in its first second, less the first round's sockets, which come free for it.
 */
function warmConnections(globalPerSecond = 50): number {
  return Math.max(0, Math.min(globalPerSecond, 50) - FIRST_ROUND_SOCKETS);
}

function selectCollectors(config: ExportConfig): CollectorName[] {
  const base = config.only ?? COLLECTOR_NAMES;
  return base.filter((name) => !config.skip.includes(name) && !(name === 'members' && config.members === 'none'));
}

function skipReasons(config: ExportConfig): Partial<Record<CollectorName, string>> {
  const reasons: Partial<Record<CollectorName, string>> = {};
  for (const name of COLLECTOR_NAMES) {
    if (config.skip.includes(name)) reasons[name] = 'skipped with --skip';
    else if (config.only && !config.only.includes(name)) reasons[name] = 'not in --only';
  }
  if (config.members === 'none') reasons.members = 'members: none';
  return reasons;
}

/** Progress events held back until the guild check passes (then replayed), or dropped when it fails. */
function heldProgress(onProgress?: (event: ProgressEvent) => void) {
  let held: ProgressEvent[] | null = [];
  return {
    emit(event: ProgressEvent) {
      if (held) held.push(event);
      else onProgress?.(event);
    },
    open() {
      const events = held ?? [];
      held = null;
      for (const e of events) onProgress?.(e);
    },
    drop() {
      held = [];
      onProgress = undefined;
    },
  };
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function noop(): void {}
