import type { GuildExport } from '../schema/types.js';
import type { AuditResult } from './run.js';
import { notCollected } from '../schema/coverage.js';

/** Fills exp.summary from the audit result, the collected totals and the audit prompt. */
export function applyAuditToSummary(exp: GuildExport, result: AuditResult, prompt: string): void {
  exp.summary = {
    health_score: result.score,
    total_roles: notCollected(exp, 'roles') === null ? exp.roles.length : null,
    total_channels: notCollected(exp, 'channels') === null ? exp.channels.length : null,
    total_members: exp.member_stats?.total ?? (notCollected(exp, 'server') === null ? exp.server?.member_count ?? null : null),
    total_bots: exp.member_stats?.bots ?? (notCollected(exp, 'bots') === null ? exp.bots.length : null),
    issues_found: [...result.issues_found],
    llm_audit_prompt: prompt,
    findings: result.findings,
    checks: result.checks,
  };
}
