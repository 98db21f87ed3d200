import type { GuildExport } from '../schema/types.js';
import type { AuditResult } from './run.js';

/** Fills exp.summary from the audit result, the collected totals and the audit prompt. */
export function applyAuditToSummary(exp: GuildExport, result: AuditResult, prompt: string): void {
  exp.summary = {
    health_score: result.score,
    total_roles: exp.roles.length,
    total_channels: exp.channels.length,
    total_members: exp.member_stats?.total ?? exp.server?.member_count ?? 0,
    total_bots: exp.member_stats?.bots ?? exp.bots.length,
    issues_found: [...result.issues_found],
    llm_audit_prompt: prompt,
    findings: result.findings,
    checks: result.checks,
  };
}
