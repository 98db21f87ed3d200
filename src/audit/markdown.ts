import type { CheckOutcomeRecord, ExportSummary, Finding } from '../schema/types.js';
import { zeroWeightNote } from './score.js';
import { mdCell, mdCode, mdCodeCell, mdText } from '../text/escape.js';

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;
/** Evidence items shown per row; the rest is counted so the table stays readable. */
const EVIDENCE_SHOWN = 5;

/** A table cell: names in evidence come from the server, so every cell goes through mdCell. */
function cell(text: string): string {
  return mdCell(text);
}

function evidenceText(f: Finding): string {
  const items = f.evidence.filter((e) => e.id !== '…');
  const extra = f.evidence.find((e) => e.id === '…');
  const shown = items.slice(0, EVIDENCE_SHOWN).map((e) => (e.detail ? `${e.name} (${e.detail})` : e.name));
  const hidden = items.length - shown.length + (extra ? Number.parseInt(extra.name, 10) || 0 : 0);
  if (hidden > 0) shown.push(`+${hidden} more`);
  return shown.length ? shown.join(', ') : f.message;
}

function bySeverity(a: { severity: keyof typeof SEVERITY_RANK; id: string }, b: { severity: keyof typeof SEVERITY_RANK; id: string }): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** snapshot.md's health section: score, failing checks by severity with evidence and fix; deterministic, no timestamps. */
export function renderHealthMarkdown(summary: ExportSummary): string {
  const checks = [...summary.checks].sort(bySeverity);
  const conclusive = checks.filter((c) => c.outcome === 'pass' || c.outcome === 'fail');
  const lines = ['## Health', ''];
  lines.push(summary.health_score === null
    ? `**Score: n/a** (${zeroWeightNote(checks) ?? 'no check could be evaluated'})`
    : `**Score: ${summary.health_score}/100** (${conclusive.length} of ${checks.length} checks conclusive, ${summary.issues_found.length} failing)`);
  lines.push('');
  const findings = new Map(summary.findings.map((f) => [f.check, f]));
  const failing = checks.filter((c) => c.outcome === 'fail');
  if (failing.length) {
    lines.push('| Severity | Check | Evidence | Fix |', '| --- | --- | --- | --- |');
    for (const c of failing) {
      const f = findings.get(c.id);
      const evidence = f ? evidenceText(f) : c.message;
      lines.push(`| ${cell(c.severity)} | ${cell(c.title)} (${mdCodeCell(c.id)}) | ${cell(evidence)} | ${cell(f?.remediation.text ?? '')} |`);
    }
  } else {
    lines.push('No failing checks.');
  }
  lines.push(...notScored(checks));
  return `${lines.join('\n')}\n`;
}

/** Disabled, not-applicable and crashed checks, so an exclusion is always visible. */
function notScored(checks: CheckOutcomeRecord[]): string[] {
  const out: string[] = [];
  const disabled = checks.filter((c) => c.disabled_reason !== undefined);
  const skipped = checks.filter((c) => c.disabled_reason === undefined && (c.outcome === 'not_applicable' || c.outcome === 'error'));
  if (disabled.length) {
    out.push('', '**Disabled by configuration** (not scored):', '');
    for (const c of disabled) out.push(`- ${mdCode(c.id)}: ${mdText(c.disabled_reason ?? '')}`);
  }
  if (skipped.length) {
    out.push('', '**Not scored:**', '');
    for (const c of skipped) out.push(`- ${mdCode(c.id)} (${c.outcome === 'error' ? 'error' : 'not applicable'}): ${mdText(c.message)}`);
  }
  return out;
}
