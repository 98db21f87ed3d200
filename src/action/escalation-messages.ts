import type { Escalation } from '../alerts/escalations.js';
import { truncateMarkdown } from '../github/summary.js';
import { inertMentions, mdCell, mdCode, mdText, titleLine } from '../text/escape.js';

/** GitHub caps issue and comment bodies at 65,536 characters. */
const BODY_MAX_BYTES = 60_000;

export interface EscalationContext {
  guildName: string;
  guildId: string;
  /** Where the change can be reviewed: the snapshot commit or pull request, else null. */
  changeUrl: string | null;
  runUrl: string | null;
}

/** The escalation issue's title. */
export function escalationTitle(ctx: EscalationContext): string {
  return `Discord permission escalation: ${titleLine(ctx.guildName, 200)}`;
}

/** A table of escalations: what changed, who holds the new access, what they can now do. */
export function escalationTable(escalations: readonly Escalation[]): string {
  const rows = escalations.map((e) => `| ${e.severity} | ${mdCell(`${e.entity} ${e.name}`)} | ${mdCell(e.change)} | ${mdCell(e.who)} | ${mdCell(e.can)} |`);
  return ['| severity | what | change | who | can now |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The issue body: this run's escalations and where to review them. */
export function escalationBody(ctx: EscalationContext, escalations: readonly Escalation[]): string {
  const text = [
    `The latest snapshot of **${mdText(ctx.guildName)}** (${mdCode(ctx.guildId)}) widened access or lowered protection:`,
    '',
    escalationTable(escalations),
    '',
    ctx.changeUrl ? `Review the change: ${ctx.changeUrl}` : '',
    ctx.runUrl ? `Reported by [this run](${ctx.runUrl}). Close this issue once the changes are reviewed; a later escalation reopens the conversation here or in a new issue.` : '',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
  return truncateMarkdown(inertMentions(text), BODY_MAX_BYTES);
}

/** The comment on an escalation issue that is already open. */
export function escalationComment(ctx: EscalationContext, escalations: readonly Escalation[]): string {
  const text = [
    `${escalations.length} new escalation${escalations.length === 1 ? '' : 's'}:`,
    '',
    escalationTable(escalations),
    ctx.runUrl ? `\n([run](${ctx.runUrl}))` : '',
  ].join('\n');
  return truncateMarkdown(inertMentions(text.trim() + '\n'), BODY_MAX_BYTES);
}
