import type { GuildExport } from '../schema/types.js';
import type { AuditResult } from './run.js';
import { totalsOf } from '../schema/totals.js';

/** Fills exp.summary from the audit result, the collected totals and the audit prompt. */
export function applyAuditToSummary(exp: GuildExport, result: AuditResult, prompt: string): void {
  const totals = totalsOf(exp);
  exp.summary = {
    health_score: result.score,
    total_roles: totals.roles,
    total_channels: totals.channels,
    total_members: totals.members,
    total_bots: totals.bots,
    issues_found: [...result.issues_found],
    llm_audit_prompt: prompt,
    findings: result.findings,
    checks: result.checks,
  };
}
