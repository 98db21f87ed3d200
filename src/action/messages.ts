import { renderFailingChecks, truncateMarkdown } from '../github/summary.js';
import { formatScore, scoreLine } from '../github/score-text.js';
import type { CheckOutcomeRecord, Finding } from '../schema/types.js';
import { inertMentions, mdCode, mdText, titleLine } from '../text/escape.js';

/** GitHub caps issue, comment and pull request bodies at 65,536 characters. */
const BODY_MAX_BYTES = 60_000;

export interface MessageContext {
  guildName: string;
  guildId: string;
  score: number | null;
  previousScore: number | null;
  threshold: number;
  runUrl: string | null;
  /** Points fallen since the last snapshot when that fall (over max-score-drop) is the breach. */
  dropped?: number | null;
  /** The score over time (chart and latest changes), shown in the tracking issue. */
  trend?: string;
}

/**
 * The pull request body: score delta, what merging would change against the base, and (when the PR already
 * existed) what this run's update changed.
 */
export function pullRequestBody(ctx: MessageContext, sinceBase: string | null, sinceLastRun: string | null, baseBranch: string): string {
  const text = [
    `Snapshot of the Discord server **${mdText(ctx.guildName)}** (${mdCode(ctx.guildId)}), updated by discord-server-exporter.`,
    '',
    scoreLine(ctx.score, ctx.previousScore, ctx.threshold),
    '',
    `### What merging changes on \`${baseBranch}\``,
    '',
    sinceBase === null ? `\`${baseBranch}\` has no snapshot yet: merging adds the first one.` : sinceBase.trim(),
    '',
    ...(sinceLastRun === null ? [] : ['### Latest update (since the previous run)', '', sinceLastRun.trim(), '']),
    ctx.runUrl ? `Last updated by [this run](${ctx.runUrl}).` : '',
  ].join('\n');
  return truncateMarkdown(inertMentions(text), BODY_MAX_BYTES);
}

/** The pull request title. */
export function pullRequestTitle(ctx: MessageContext): string {
  return `Discord snapshot: ${titleLine(ctx.guildName, 200)} (health ${formatScore(ctx.score)})`;
}

/** The tracking issue title. */
export function issueTitle(ctx: MessageContext): string {
  const why = ctx.dropped ? `fell ${ctx.dropped} points` : `below ${ctx.threshold}`;
  return `Discord server health ${why}: ${titleLine(ctx.guildName, 200)}`;
}

/** The tracking issue body: the current score and failing checks (rewritten on each unhealthy run). */
export function issueBody(ctx: MessageContext, checks: CheckOutcomeRecord[], findings: Finding[]): string {
  const text = [
    `The health score of **${mdText(ctx.guildName)}** (${mdCode(ctx.guildId)}) ${ctx.dropped ? `fell ${ctx.dropped} points since the last snapshot` : 'is below the threshold'}.`,
    '',
    scoreLine(ctx.score, ctx.previousScore, ctx.threshold),
    '',
    renderFailingChecks(checks, findings),
    ...(ctx.trend ? ['### Score over time', '', ctx.trend.trim(), ''] : []),
    ctx.runUrl ? `Reported by [this run](${ctx.runUrl}). This issue is updated while the score stays low and closed when it recovers.` : '',
  ].join('\n');
  return truncateMarkdown(inertMentions(text), BODY_MAX_BYTES);
}

/** The comment on each later unhealthy run: the score, its delta, and what changed since the last snapshot. */
export function issueUpdateComment(ctx: MessageContext, failing: number, changes: string | null): string {
  const text = [
    `Still below the threshold: ${scoreLine(ctx.score, ctx.previousScore, ctx.threshold)} ${failing} failing check${failing === 1 ? '' : 's'} (the issue body lists them).`,
    '',
    changes === null ? '' : `**What changed since the last snapshot:**\n\n${changes.trim()}`,
    ctx.runUrl ? `\n([run](${ctx.runUrl}))` : '',
  ].join('\n');
  return truncateMarkdown(inertMentions(text.trim() + '\n'), BODY_MAX_BYTES);
}

/** The comment posted before closing the issue. */
export function recoveryComment(ctx: MessageContext): string {
  return `Recovered: the health score is ${formatScore(ctx.score)}, at or above the threshold of ${ctx.threshold}.${ctx.runUrl ? ` ([run](${ctx.runUrl}))` : ''} Closing.`;
}
