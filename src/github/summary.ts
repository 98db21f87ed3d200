import type { CheckOutcomeRecord, Finding, Severity } from '../schema/types.js';
import { scoreLine } from './score-text.js';
import { formatCount } from '../writers/round.js';
import { NO_CHANGES } from '../diff/render.js';
import { mdCode, mdLinkText, mdText } from '../text/escape.js';
import { checkTitle } from '../audit/check-title.js';

/** The runner rejects step summaries over 1 MiB; stay well under it. */
export const SUMMARY_MAX_BYTES = 1_000_000;

export interface SummaryLinks {
  commit?: { sha: string; url: string } | null;
  pullRequest?: { number: number; url: string; operation: string } | null;
  artifact?: { name: string; url: string | null } | { skipped: string } | null;
  issue?: { number: number; url: string; operation: string } | null;
  /** The committed snapshot.md (at the new commit, or on the branch that already holds it). */
  snapshot?: { path: string; url: string } | null;
}

/** How the run went: shown so a slow or large run can be understood from the summary alone. */
export interface RunDetails {
  durationMs: number;
  /** Requests sent to Discord (retries included). */
  requests: number;
  /** The server's member count (Discord's approximate count), when known. */
  members: number | null;
}

export interface JobSummaryInput {
  guildName: string;
  guildId: string;
  score: number | null;
  previousScore: number | null;
  threshold: number;
  exportStatus: 'complete' | 'partial' | 'fatal';
  checks: CheckOutcomeRecord[];
  findings: Finding[];
  /** Rendered "what changed" Markdown; null on the first snapshot. */
  changes: string | null;
  changeCount: number;
  snapshotChanged: boolean;
  links: SummaryLinks;
  /** Things that went wrong (collector errors, publish failures), each with what to do. */
  problems: string[];
  /** Audit configuration in force (disabled checks with reasons, changed weights): shown so no exclusion is hidden. */
  configNotes?: string[];
  run?: RunDetails;
  /** The score over time (chart and latest changes), from the snapshot's history; '' or absent without one. */
  trend?: string;
  /** The escalations table, when the diff holds escalations. */
  escalations?: string;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Renders the job summary Markdown: score and delta, failing checks by severity with fixes, the other checks
 * collapsed, changes, run details, links. Blocks are separated by exactly one blank line.
 */
export function renderJobSummary(input: JobSummaryInput, maxBytes = SUMMARY_MAX_BYTES): string {
  const head = blocks([
    `## Discord server health: ${mdText(input.guildName)} (\`${input.guildId}\`)`,
    scoreLine(input.score, input.previousScore, input.threshold),
    input.exportStatus === 'partial' ? '> [!WARNING]\n> The export is partial: some collectors failed (see Problems below).' : '',
    input.configNotes?.length ? `**Audit configuration** (changes the score):\n${input.configNotes.map((n) => `- ${mdText(n)}`).join('\n')}` : '',
    input.escalations ? `### Escalations\n\nAccess widened or protection lowered since the last snapshot:\n\n${input.escalations.trim()}` : '',
  ]);
  const tail = blocks([renderOtherChecks(input.checks),
    input.trend ? `### Score over time\n\n${input.trend.trim()}` : '', input.run ? renderRunDetails(input.run) : '', renderLinks(input.links), renderProblems(input.problems)]);
  const failing = renderFailingChecks(input.checks, input.findings);
  const changes = renderChangesSection(input);
  // The fixed parts first; the two long sections share what is left, failing checks first.
  const budget = Math.max(0, maxBytes - bytes(head) - bytes(tail) - 200);
  const failingPart = truncateMarkdown(failing, Math.max(Math.floor(budget / 2), budget - bytes(changes)));
  const changesPart = truncateMarkdown(changes, budget - bytes(failingPart));
  return truncateMarkdown(blocks([head, failingPart, changesPart, tail]), maxBytes);
}

/** Non-empty blocks, trimmed, one blank line between them, one newline at the end. */
function blocks(parts: string[]): string {
  const text = parts.map((p) => p.trim()).filter(Boolean).join('\n\n');
  return text ? `${text}\n` : '';
}

const OTHER_OUTCOMES: { outcome: CheckOutcomeRecord['outcome']; label: string }[] = [
  { outcome: 'pass', label: 'Passing' },
  { outcome: 'not_applicable', label: 'Not applicable' },
  { outcome: 'error', label: 'Inconclusive' },
];

/** Passing, not-applicable and inconclusive checks (not the disabled ones), collapsed: there to verify, not to read every run. */
export function renderOtherChecks(checks: CheckOutcomeRecord[]): string {
  // Disabled checks are listed once, under the audit configuration, with their reason.
  const shown = checks.filter((c) => !c.disabled_reason);
  const groups = OTHER_OUTCOMES.map((g) => ({ ...g, checks: shown.filter((c) => c.outcome === g.outcome) })).filter((g) => g.checks.length);
  if (groups.length === 0) return '';
  const title = groups.map((g) => `${g.label.toLowerCase()} (${g.checks.length})`).join(', ');
  const body = groups.map((g) => `**${g.label}**\n\n${g.checks.map((c) => `- ${mdText(checkTitle(c))} (\`${c.id}\`)${g.outcome === 'pass' ? '' : `: ${mdText(c.message)}`}`).join('\n')}`);
  return `<details><summary>Other checks: ${title}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
}

function renderRunDetails(run: RunDetails): string {
  const seconds = run.durationMs >= 10_000 ? Math.round(run.durationMs / 1000) : Math.round(run.durationMs / 100) / 10;
  const lines = [`- Duration: ${seconds} s`, `- Discord requests: ${formatCount(run.requests)}`];
  if (run.members !== null) lines.push(`- Members: ${formatCount(run.members)}`);
  return `### Run details\n\n${lines.join('\n')}`;
}

/** Failing checks grouped by severity (critical first), each with its message and fix. */
export function renderFailingChecks(checks: CheckOutcomeRecord[], findings: Finding[]): string {
  const failing = checks.filter((c) => c.outcome === 'fail');
  if (failing.length === 0) {
    const conclusive = checks.filter((c) => c.outcome === 'pass').length;
    return `### Failing checks\n\nNone: ${conclusive} check${conclusive === 1 ? '' : 's'} passed.\n`;
  }
  const lines = [`### Failing checks (${failing.length})`, ''];
  for (const severity of SEVERITY_ORDER) {
    const group = failing.filter((c) => c.severity === severity);
    if (group.length === 0) continue;
    lines.push(`#### ${severity[0].toUpperCase()}${severity.slice(1)} (${group.length})`, '');
    for (const check of group) {
      const finding = findings.find((f) => f.check === check.id && f.outcome === 'fail');
      lines.push(`- **${mdText(check.title)}** (${mdCode(check.id)}): ${mdText(check.message)}`);
      if (finding?.remediation.text) lines.push(`  - Fix (${finding.remediation.effort} effort): ${mdText(finding.remediation.text)}`);
      const evidence = finding?.evidence ?? [];
      if (evidence.length) {
        const shown = evidence.slice(0, 5).map((e) => `${mdText(e.name)}${e.detail ? ` (${mdText(e.detail)})` : ''}`);
        lines.push(`  - Involves: ${shown.join(', ')}${evidence.length > 5 ? `, and ${evidence.length - 5} more` : ''}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

function renderChangesSection(input: JobSummaryInput): string {
  if (input.changes === null) return '### What changed\n\nFirst snapshot: nothing to compare against yet.\n';
  if (input.changeCount === 0 && input.changes.trim() !== '' && input.changes.trim() !== NO_CHANGES) {
    // No change found, but some sections could not be compared: the diff's text says which and why.
    return `### What changed\n\n${input.changes.trim()}\n`;
  }
  if (input.changeCount === 0) {
    return `### What changed\n\nNo configuration changes since the last snapshot${input.snapshotChanged ? '' : '; nothing was committed'}.\n`;
  }
  return `### What changed (${input.changeCount})\n\n${input.changes.trim()}\n`;
}

function renderLinks(links: SummaryLinks): string {
  const lines: string[] = [];
  if (links.snapshot) lines.push(`- Snapshot: [${mdText(links.snapshot.path)}](${links.snapshot.url})`);
  if (links.commit) lines.push(`- Commit: [\`${links.commit.sha.slice(0, 7)}\`](${links.commit.url})`);
  if (links.pullRequest) lines.push(`- Pull request (${links.pullRequest.operation}): [#${links.pullRequest.number}](${links.pullRequest.url})`);
  if (links.artifact && 'skipped' in links.artifact) lines.push(`- Artifact: not uploaded (${mdText(links.artifact.skipped)})`);
  else if (links.artifact) lines.push(`- Artifact: ${links.artifact.url ? `[${mdLinkText(links.artifact.name)}](${links.artifact.url})` : mdCode(links.artifact.name)}`);
  if (links.issue) lines.push(`- Tracking issue (${links.issue.operation}): [#${links.issue.number}](${links.issue.url})`);
  return lines.length ? `### Links\n\n${lines.join('\n')}\n` : '';
}

function renderProblems(problems: string[]): string {
  if (problems.length === 0) return '';
  return `### Problems\n\n${problems.map((p) => `- ${mdText(p)}`).join('\n')}\n`;
}

/** Cuts Markdown at a line boundary to fit `maxBytes`, saying how much was left out. */
export function truncateMarkdown(text: string, maxBytes: number): string {
  if (bytes(text) <= maxBytes) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  const reserve = 120;
  for (const line of lines) {
    const next = bytes(line) + 1;
    if (size + next > maxBytes - reserve) break;
    kept.push(line);
    size += next;
  }
  const omitted = lines.length - kept.length;
  if (maxBytes < reserve) return '';
  return `${kept.join('\n')}\n\n_… ${omitted} more line${omitted === 1 ? '' : 's'} left out to fit the size limit; the full report is in the artifact._\n`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
