import type { AuditResult } from './run.js';
import { compareText } from '../schema/order.js';
import { zeroWeightNote } from './score.js';

const LABEL = { pass: 'PASS', fail: 'FAIL', not_applicable: 'N/A ', error: 'ERR ' } as const;
const ORDER = { fail: 0, error: 1, pass: 2, not_applicable: 3 } as const;
const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Plain-text report for the CLI: the score, configuration notes, then one line per check. */
export function renderAuditText(result: AuditResult): string {
  const lines = [`Health score: ${result.score === null ? `n/a (${zeroWeightNote(result.checks) ?? 'no conclusive checks'})` : `${result.score}/100`}`];
  lines.push(`Failing: ${result.issues_found.length ? result.issues_found.join(', ') : 'none'}`);
  if (result.config_notes.length) {
    lines.push('', 'Configuration changes (these affect the score):');
    for (const n of result.config_notes) lines.push(`  - ${n}`);
  }
  lines.push('');
  const checks = [...result.checks].sort((a, b) =>
    ORDER[a.outcome] - ORDER[b.outcome] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.id, b.id));
  const width = Math.max(...checks.map((c) => c.id.length), 10);
  for (const c of checks) {
    const score = c.score === null ? '  -  ' : c.score.toFixed(2);
    lines.push(`${LABEL[c.outcome]}  ${c.severity.padEnd(8)} ${c.id.padEnd(width)}  w=${formatWeight(c.weight).padStart(5)}  ${score}  ${c.message}`);
  }
  const fixes = result.findings.filter((f) => f.outcome === 'fail');
  if (fixes.length) {
    lines.push('', 'How to fix:');
    for (const f of fixes) lines.push(`  - ${f.id} (${f.remediation.effort} effort): ${f.remediation.text}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatWeight(w: number): string {
  return Number.isInteger(w) ? String(w) : w.toFixed(3).replace(/0+$/, '');
}
