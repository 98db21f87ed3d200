import { resolve } from 'node:path';
import { COLLECTOR_NAMES, type CollectorName } from '../collectors/index.js';
import { FileMemberSink, NullMemberSink, type MemberSink } from '../collectors/member-sink.js';
import { runCollectors, toExportError } from '../collectors/run.js';
import { Sources } from '../collectors/sources.js';
import type { ProgressEvent } from '../collectors/types.js';
import { redact } from '../config/redact.js';
import type { ExportConfig } from '../config/types.js';
import { emptyExport } from '../schema/empty.js';
import type { GuildExport } from '../schema/types.js';
import { computeAccess } from '../permissions/access.js';
import { applyAuditToSummary, buildAuditPrompt, runAudit, type AuditResult } from '../audit/index.js';
import { writeFailureRecord, writeOutputs, type OutputFiles } from './write-outputs.js';
import { guildCheck, preflight, type Fatal } from './preflight.js';
import { classifyError } from '../discord/errors.js';
import { warmTokenizer } from './warm-tokenizer.js';
import type { Session } from './session.js';
import { tempPath } from './temp-files.js';
import { aiReviewStep } from '../ai/export-step.js';
import type { AiReview } from '../ai/review.js';
import { keepImages } from './keep-images.js';

export interface ExportOutcome {
  /** The export (summary filled; `members` empty: they were streamed to export.json). */
  export: GuildExport;
  status: 'complete' | 'partial' | 'fatal';
  fatal: Fatal | null;
  files: OutputFiles;
  audit: AuditResult;
  /** Requests the client sent for this guild (retries included). */
  requests: number;
  /** The AI review (config.ai), or null when none was asked for or the export failed. */
  aiReview: AiReview | null;
}

/**
 * One guild's export over a session's shared client: preflight -> collectors (concurrent, each failing alone) ->
 * effective access -> audit -> writers, into `config.outDir`, with its own shared reads and member spool. Never
 * throws for Discord trouble: a fatal problem (bad token, unknown guild) leaves the last good files in the folder
 * as they were, records the failure in export-failed.json beside them, and the caller decides the exit status.
 */
export async function exportGuild(
  session: Session,
  config: ExportConfig,
  guildId: string,
  onProgress?: (event: ProgressEvent) => void,
): Promise<ExportOutcome> {
  const started = Date.now();
  const secrets = [session.token, ...(config.secrets ?? [])];
  const log = (line: string) => config.log?.(redact(line, secrets));

  // Made ready (and checked) before the run's first request: see runExports.
  const outDir = resolve(config.outDir);
  const freshExport = () => {
    const e = emptyExport(guildId, { members: config.members, demo: config.demo });
    e.meta.exported_at = new Date(started).toISOString();
    e.meta.scope.max_members = config.maxMembers;
    return e;
  };
  let exp = freshExport();

  const sink: MemberSink = config.members === 'full' ? new FileMemberSink(tempPath(outDir, 'members.json')) : new NullMemberSink();
  const api = session.api();
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
    const selected = selectCollectors(config);
    // Every read that needs only the guild id goes out now, in the first round trip, with the guild check; the
    // per-channel reads follow as soon as the channel list is in (Sources).
    const startMembers = config.members !== 'none' && selected.some((n) => ['members', 'roles', 'bots'].includes(n));
    // With several servers, one the bot is not in must not cost a round trip of requests: its guild read goes first.
    const refused = session.guilds > 1 ? await guildCheck(sources, guildId, session.apiBase) : null;
    const checking = refused ? Promise.resolve(refused) : preflight(sources, guildId, {
      startMembers,
      startThreads: selected.some((n) => ['threads', 'forums'].includes(n)),
      apiBase: session.apiBase,
    });
    // While the first round trip is in flight, open the sockets the second will need (see Connections).
    setImmediate(() => session.warmAhead());
    if (!refused) warmTokenizer({ guild: sources.fetchGuild(), firstPage: startMembers ? firstPage : null, secondRoundSent: sources.secondRoundSent() });
    const progress = heldProgress(onProgress);
    const collecting = refused ? Promise.resolve() : runCollectors(exp, {
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
    const checked = await checking;
    if (checked) {
      progress.drop();
      await collecting.catch(() => undefined);
    } else {
      progress.open();
      await collecting;
      if (api.isTokenRejected) log('Discord rejected the token during the run: later requests were not sent.');
    }
    // Discord's global rate limit let nothing through (see RateLimitGuard): the run was given up part-way.
    const stopped = session.stoppedBy();
    const fatal: Fatal | null = checked ?? (stopped ? { ...classifyError(stopped), message: `The export was given up: ${classifyError(stopped).message}` } : null);
    if (fatal) {
      // Every collector failed the same way: let them settle (the spool is removed after), report the cause once.
      await api.settled();
      exp = freshExport();
      exp.errors.push(toExportError('server', 'failed', { ...fatal, retryable: false, tokenRejected: false }));
      // Nothing was read: every section is "not collected" for the same reason, and nothing is scored.
      exp.meta.fatal = { message: redact(fatal.message, secrets), hint: fatal.hint };
      for (const name of COLLECTOR_NAMES) {
        exp.meta.collectors[name] = { status: 'failed', count: 0, duration_ms: 0, reason: `the export failed: ${fatal.message}` };
      }
    }
    // Only export.zip holds the images: without it there is nowhere to keep them.
    const images = config.keepImages && !fatal && config.formats.includes('zip')
      ? await keepImages(exp, { dispatcher: session.connections.agent, cdnBase: session.cdnBase, timeoutMs: config.timeoutMs ?? 15_000 })
      : [];
    for (const e of exp.errors) e.message = redact(e.message, secrets);
    exp.access = fatal ? [] : safely(() => computeAccess(exp), []);
    const audit = runAudit(exp, session.auditConfig);
    const prompt = await buildAuditPrompt(exp, audit, { budgetTokens: config.promptBudget });
    applyAuditToSummary(exp, audit, prompt.prompt);
    exp.meta.duration_ms = Date.now() - started;
    // Bounded in time (config.ai.timeoutMs) and never throwing: a review delays the files at most that long.
    if (config.ai && !fatal) log(`AI review: asking ${config.ai.model} (up to ${Math.round(config.ai.timeoutMs / 1000)} s)…`);
    const ai = config.ai && !fatal ? await aiReviewStep(exp, audit, config.ai, outDir) : null;
    // A failure never replaces the last good export in the folder: it is recorded beside it instead.
    const files = fatal
      ? await writeFailureRecord(exp, { outDir })
      : await writeOutputs(exp, { outDir, formats: config.formats, members: sink, secrets, inviteCodes: config.inviteCodes, extraFiles: ai?.files, zipOnly: images });
    const status = fatal ? 'fatal' : exp.errors.length > 0 ? 'partial' : 'complete';
    return { export: exp, status, fatal, files, audit, requests: api.requests, aiReview: ai?.review ?? null };
  } finally {
    sink.dispose();
  }
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
