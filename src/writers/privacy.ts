import type { ExportSummary, GuildExport } from '../schema/types.js';

/** What stands in for a member's id wherever ids are left out. */
export const MEMBER_PLACEHOLDER = 'member';

/** Every user id the export mentions (owner, creators, inviters, member overwrites, member records). */
export function memberIds(exp: GuildExport): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id) ids.add(id);
  };
  add(exp.server?.owner);
  exp.members.forEach((m) => add(m.id));
  exp.invites.forEach((i) => add(i.created_by));
  exp.webhooks.forEach((w) => add(w.created_by));
  exp.bots.forEach((b) => add(b.added_by));
  exp.events.forEach((e) => add(e.creator_id));
  exp.channels.forEach((c) => c.permission_overwrites.forEach((o) => o.type === 'member' && add(o.id)));
  // Bots are listed by name on purpose: their ids are applications, not people.
  exp.bots.forEach((b) => ids.delete(b.id));
  return ids;
}

/** The summary with member ids (and the names next to them in evidence) replaced, and without the LLM prompt. */
export function scrubSummary(summary: ExportSummary, ids: Set<string>): ExportSummary {
  const scrubText = (text: string) => (ids.size === 0 ? text : text.replace(/\d{17,20}/g, (id) => (ids.has(id) ? MEMBER_PLACEHOLDER : id)));
  return {
    ...summary,
    llm_audit_prompt: '',
    issues_found: [...summary.issues_found],
    checks: summary.checks.map((c) => ({ ...c, message: scrubText(c.message) })),
    findings: summary.findings.map((f) => ({
      ...f,
      message: scrubText(f.message),
      evidence: f.evidence.map((e) =>
        ids.has(e.id)
          ? { ...e, id: MEMBER_PLACEHOLDER, name: MEMBER_PLACEHOLDER, ...(e.detail !== undefined ? { detail: scrubText(e.detail) } : {}) }
          : { ...e, ...(e.detail !== undefined ? { detail: scrubText(e.detail) } : {}) },
      ),
      remediation: { ...f.remediation, text: scrubText(f.remediation.text) },
    })),
  };
}
