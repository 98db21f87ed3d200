import type { GuildExport } from '../schema/types.js';
import { memberIds, MEMBER_PLACEHOLDER, scrubSummary } from './privacy.js';

export interface ExportPrivacy {
  /** Keep live invite codes (default true: a local export is the user's own full copy). */
  inviteCodes?: boolean;
}

/**
 * export.json's content under the export's own promises. Unless members is `full`, no user id or account name
 * leaves: the owner, inviters, event and webhook creators, who added a bot and member-overwrite targets become ''
 * / null / "member" (the same stand-ins snapshot.json uses), and findings and error messages lose them too. Bots
 * keep their ids: those are applications, not people. Without `inviteCodes`, invites keep their shape and dates
 * but not their code. Sections that change are copied; the rest is shared.
 */
export function applyExportPrivacy(exp: GuildExport, options: ExportPrivacy = {}): GuildExport {
  const keepIds = exp.meta.scope.members === 'full';
  const keepCodes = options.inviteCodes !== false;
  if (keepIds && keepCodes) return exp;
  const out: GuildExport = {
    ...exp,
    invites: exp.invites.map((i) => ({ ...i, code: keepCodes ? i.code : '', created_by: keepIds ? i.created_by : null })),
  };
  if (keepIds) return out;
  const ids = memberIds(exp);
  const scrub = (text: string) => (ids.size === 0 ? text : text.replace(/\d{17,20}/g, (id) => (ids.has(id) ? MEMBER_PLACEHOLDER : id)));
  if (exp.server) out.server = { ...exp.server, owner: '' };
  out.members = [];
  out.channels = exp.channels.map((c) => c.permission_overwrites.some((o) => o.type === 'member')
    ? { ...c, permission_overwrites: c.permission_overwrites.map((o) => (o.type === 'member' ? { ...o, id: MEMBER_PLACEHOLDER } : o)) }
    : c);
  out.events = exp.events.map((e) => ({ ...e, creator_id: null }));
  out.webhooks = exp.webhooks.map((w) => ({ ...w, created_by: null }));
  out.bots = exp.bots.map((b) => ({ ...b, added_by: null }));
  // A Twitch or YouTube integration is named after a person's account.
  out.integrations = exp.integrations.map((i) => ({ ...i, account_name: null }));
  out.errors = exp.errors.map((e) => ({ ...e, message: scrub(e.message), hint: scrub(e.hint) }));
  // The audit prompt carries no ids (members only as counts): keep it, scrub the rest of the summary.
  out.summary = { ...scrubSummary(exp.summary, ids), llm_audit_prompt: exp.summary.llm_audit_prompt };
  return out;
}
