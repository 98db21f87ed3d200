import { endSentence } from '../text/sentence.js';
import type { CheckOutcomeRecord, Finding, GuildExport } from '../schema/types.js';
import { CHECKS } from './checks/index.js';
import { defaultAuditConfig, type AuditConfig } from './config.js';
import { buildContext, memberCountOf } from './context.js';
import { exportView, NotCollectedSignal } from './view.js';
import { coverageMap, type Coverage, type Section } from '../schema/coverage.js';
import { SEVERITY_WEIGHTS } from './defaults.js';
import { scoreChecks, sizeFactor } from './score.js';
import type { Check, CheckRun, Evidence } from './types.js';
import { compareIds, compareText } from '../schema/order.js';

/** The audit of one export: score, per-check outcomes, findings and the notes a config file caused. */
export interface AuditResult {
  score: number | null;
  checks: CheckOutcomeRecord[];
  findings: Finding[];
  issues_found: string[];
  config_notes: string[];
}

/** Evidence kept per finding: enough to act on, bounded for 1,000-channel servers. */
const MAX_EVIDENCE = 50;
/** A failing check earns at most this share of its weight, in proportion to how much of it is right (see score.ts). */
const FAIL_CREDIT = 0.5;
const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Runs every check over the export (never throws for a single check) and scores the conclusive ones. */
export function runAudit(exp: GuildExport, config: AuditConfig = defaultAuditConfig()): AuditResult {
  const coverage = coverageMap(exp);
  const memberCount = memberCountOf(exp);
  const factor = sizeFactor(memberCount);
  const checks: CheckOutcomeRecord[] = [];
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    const { meta } = check;
    const base = config.weights[meta.id] ?? meta.weight ?? SEVERITY_WEIGHTS[meta.severity];
    const weight = meta.scaleBySize ? base * factor : base;
    const { run, evidence } = evaluate(check, exp, { coverage, memberCount }, config);
    const conclusive = run.outcome === 'pass' || run.outcome === 'fail';
    const score = !conclusive ? null : run.outcome === 'pass' ? clamp(run.score ?? 1) : FAIL_CREDIT * clamp(run.score ?? 0);
    const record: CheckOutcomeRecord = {
      id: meta.id, title: meta.title, category: meta.category, severity: meta.severity,
      weight, outcome: run.outcome, score, message: run.message,
    };
    if (config.disabled[meta.id] !== undefined) record.disabled_reason = config.disabled[meta.id];
    checks.push(record);
    findings.push({
      id: meta.id, check: meta.id, title: meta.title, severity: meta.severity, category: meta.category,
      outcome: run.outcome, message: run.message, evidence, remediation: meta.remediation,
    });
  }
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.id, b.id));
  return {
    score: scoreChecks(checks),
    checks,
    findings,
    issues_found: checks.filter((c) => c.outcome === 'fail').map((c) => c.id).sort(),
    config_notes: configNotes(config),
  };
}

type Evaluated = { run: CheckRun | { outcome: 'error'; message: string }; evidence: Evidence[]; reads: Set<Section> };

interface Inputs {
  coverage: ReadonlyMap<Section, Coverage>;
  memberCount: number;
}

/**
 * One check's outcome: disabled, not collected, its own verdict, or an error confined to itself. The check reads the
 * export through a view (view.ts): reading a section that was not collected ends it as not_applicable, with the reason.
 * Over partial data (a section read in part) a failure stands, since what was found is there whatever else exists;
 * a pass does not, since the part not read may hold the problem: it becomes not_applicable and says so.
 */
export function evaluate(check: Check, exp: GuildExport, inputs: Inputs, config: AuditConfig): Evaluated {
  const reads = new Set<Section>();
  const reason = config.disabled[check.meta.id];
  if (reason !== undefined) {
    return { run: { outcome: 'not_applicable', message: `Disabled by ${config.source ?? 'configuration'}: ${reason}` }, evidence: [], reads };
  }
  const fatal = exp.meta.fatal;
  if (fatal) return { run: { outcome: 'not_applicable', message: `Not run: the export failed (${fatal.message.trimEnd().replace(/\.+$/, '')}).` }, evidence: [], reads };
  try {
    const view = exportView(exp, inputs.coverage, reads);
    const run = check.run(view, buildContext(view, config.thresholds, inputs.memberCount));
    const partial = [...reads].flatMap((s) => {
      const c = inputs.coverage.get(s);
      return c?.state === 'partial' ? [`${s} (${c.reason})`] : [];
    });
    if (partial.length === 0 || run.outcome === 'not_applicable') return { run, evidence: boundEvidence(run.evidence ?? []), reads };
    if (run.outcome === 'pass') {
      return { run: { outcome: 'not_applicable', message: `Not conclusive: passed on partial data from ${partial.join(', ')}. ${run.message}` }, evidence: [], reads };
    }
    return { run: { ...run, message: `${run.message} (found in partial data from ${partial.join(', ')}; there may be more)` }, evidence: boundEvidence(run.evidence ?? []), reads };
  } catch (err) {
    if (err instanceof NotCollectedSignal) {
      return { run: { outcome: 'not_applicable', message: `${err.section} not collected: ${err.reason}` }, evidence: [], reads };
    }
    return { run: { outcome: 'error', message: `The check crashed: ${endSentence((err as Error)?.message ?? String(err))} Other checks are unaffected; please report this with the export.` }, evidence: [], reads };
  }
}

/** Sorted (so array order in the export never matters) and capped, saying how many were left out. */
function boundEvidence(evidence: Evidence[]): Evidence[] {
  const sorted = [...evidence].sort((a, b) => compareIds(a.id, b.id) || compareText(a.name, b.name) || compareText(a.detail ?? '', b.detail ?? ''));
  if (sorted.length <= MAX_EVIDENCE) return sorted;
  return [...sorted.slice(0, MAX_EVIDENCE), { id: '…', name: `${sorted.length - MAX_EVIDENCE} more not listed` }];
}

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/** Human-readable notes for every deviation from the defaults, so a hidden exclusion cannot inflate a score. */
function configNotes(config: AuditConfig): string[] {
  const from = config.source ?? 'configuration';
  const byId = new Map(CHECKS.map((c) => [c.meta.id, c.meta]));
  const notes = Object.entries(config.disabled).map(([id, reason]) => `${id} disabled by ${from}: ${reason}`);
  for (const [id, w] of Object.entries(config.weights)) {
    const meta = byId.get(id);
    const def = meta ? meta.weight ?? SEVERITY_WEIGHTS[meta.severity] : undefined;
    if (w !== def) notes.push(`${id} weight set to ${w} by ${from} (default ${def})`);
  }
  const defaults = defaultAuditConfig().thresholds;
  for (const [name, value] of Object.entries(config.thresholds)) {
    if (defaults[name] !== value) notes.push(`threshold ${name} set to ${value} by ${from} (default ${defaults[name]})`);
  }
  return notes.sort();
}
