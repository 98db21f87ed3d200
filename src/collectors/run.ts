import type { DiscordApi } from '../discord/api.js';
import { classifyError, type ClassifiedError } from '../discord/errors.js';
import type { ExportError, GuildExport, MembersMode } from '../schema/types.js';
import { collectors, type CollectorName } from './index.js';
import type { MemberSink } from './member-sink.js';
import { Sources } from './sources.js';
import type { CollectContext, Collector, Needs, ProgressEvent } from './types.js';
import { compareText } from '../schema/order.js';

export interface RunCollectorsOptions {
  api: DiscordApi;
  guildId: string;
  members: MembersMode;
  maxMembers: number | null;
  sink: MemberSink;
  /** Collectors to run; the rest are recorded as skipped with `skipReason`. */
  selected: CollectorName[];
  skipReasons?: Partial<Record<CollectorName, string>>;
  sources?: Sources;
  onProgress?: (event: ProgressEvent) => void;
}

/**
 * Runs the selected collectors concurrently into `exp`. Each one fails alone: its error becomes a record in
 * `exp.errors` and the others go on. Collector status, counts and timings land in `exp.meta.collectors`.
 */
export async function runCollectors(exp: GuildExport, options: RunCollectorsOptions): Promise<Sources> {
  const progress = options.onProgress ?? (() => undefined);
  const sources = options.sources ?? new Sources(options.api, options.guildId, {
    members: options.members,
    maxMembers: options.maxMembers,
    sink: options.sink,
    onMembers: (fetched, total) => progress({ type: 'members', fetched, total }),
  });
  const all = Object.entries(collectors) as [CollectorName, Collector][];
  // Every collector gets its slot now, in registry order, so meta.collectors' key order never depends on timing.
  for (const [name] of all) {
    exp.meta.collectors[name] = options.selected.includes(name)
      ? { status: 'ok', count: 0, duration_ms: 0 }
      : { status: 'skipped', count: 0, duration_ms: 0, reason: options.skipReasons?.[name] ?? 'not selected' };
  }
  await Promise.all(
    all.filter(([name]) => options.selected.includes(name)).map(([, collector]) => runOne(exp, collector, options, sources, progress)),
  );
  // Only a scan some collector asked for: `--only threads` must not page through the whole member list.
  const scan = await sources.memberScanIfStarted().catch(() => null);
  exp.member_stats = scan?.stats ?? null;
  exp.meta.scope.members_truncated = scan?.truncated ?? false;
  exp.errors.sort((a, b) => compareText(a.collector, b.collector) || compareText(a.message, b.message));
  return sources;
}

async function runOne(
  exp: GuildExport,
  collector: Collector,
  options: RunCollectorsOptions,
  sources: Sources,
  progress: (event: ProgressEvent) => void,
): Promise<void> {
  const started = Date.now();
  const notes: ExportError[] = [];
  let note: string | undefined;
  const ctx: CollectContext = {
    api: options.api,
    guildId: options.guildId,
    members: options.members,
    maxMembers: options.maxMembers,
    sources,
    partial: (error: unknown, needs?: Needs) => notes.push(toExportError(collector.name, 'partial', classifyError(error, needs ?? collector.needs))),
    note: (text: string) => void (note = text),
    progress,
  };
  progress({ type: 'start', collector: collector.name });
  let status: 'ok' | 'failed' | 'partial';
  let count = 0;
  try {
    const value = await collector.collect(ctx);
    (exp as unknown as Record<string, unknown>)[collector.key] = value;
    // Members stream to disk (the collector returns []): their count is the scan's.
    if (collector.key === 'members') count = (await sources.memberStats().catch(() => null))?.total ?? 0;
    else count = Array.isArray(value) ? value.length : value ? 1 : 0;
    status = notes.length > 0 ? 'partial' : 'ok';
  } catch (error) {
    // The section keeps its empty in-memory value; its 'failed' record makes it "not collected" everywhere it is
    // read (src/schema/coverage.ts) and null or {"not_collected": why} in export.json (src/schema/wire.ts).
    status = 'failed';
    exp.errors.push(toExportError(collector.name, 'failed', classifyError(error, collector.needs)));
  }
  exp.errors.push(...notes);
  exp.meta.collectors[collector.name] = { status, count, duration_ms: Date.now() - started, ...(note && status !== 'failed' ? { reason: note } : {}) };
  progress({ type: 'done', collector: collector.name, status, count });
}

/** The export's error record for a classified failure. */
export function toExportError(collector: string, status: 'failed' | 'partial', error: ClassifiedError): ExportError {
  return { collector, status, code: error.code, http_status: error.http_status, message: error.message, hint: error.hint };
}
