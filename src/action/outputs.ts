import * as core from '@actions/core';
import type { Finding } from '../schema/types.js';
import type { ActionLog } from './log.js';

/** Every output action.yml declares, by its exact name. */
export const OUTPUT_NAMES: readonly (keyof ActionOutputs)[] = [
  'health-score', 'previous-health-score', 'issues-found', 'snapshot-changed', 'commit-sha', 'pull-request-number',
  'issue-number', 'artifact-id', 'export-path', 'zip-path', 'escalations', 'escalation-issue-number', 'results',
  'changes', 'plan',
];

/** Output values by name (null: written as an empty string). */
export interface ActionOutputs {
  'health-score': number | null;
  'previous-health-score': number | null;
  'issues-found': number;
  'snapshot-changed': boolean;
  'commit-sha': string | null;
  'pull-request-number': number | null;
  'issue-number': number | null;
  'artifact-id': number | null;
  'export-path': string | null;
  'zip-path': string | null;
  escalations: number;
  'escalation-issue-number': number | null;
  /** Every server's figures, as JSON: one entry per guild id, in the order given. */
  results: string;
  /** mode: plan: creates, updates and deletes planned, over every server. */
  changes: number;
  /** mode: plan: the plans as JSON ({changes, guilds: [{guild_id, file, operations, summary}]}). */
  plan: string;
}

/** Sets outputs (the only setOutput caller); unknown values are written as empty strings. */
export function writeOutputs(outputs: Partial<ActionOutputs>): void {
  for (const [name, value] of Object.entries(outputs)) {
    core.setOutput(name, value === null || value === undefined ? '' : String(value));
  }
}

/** Appends Markdown to the job summary; a no-op (with a note) outside the runner. */
export async function writeSummary(markdown: string, log: ActionLog): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    log.info('GITHUB_STEP_SUMMARY is not set: the job summary is not written (local run).');
    return;
  }
  await core.summary.addRaw(markdown, true).write();
}

/** GitHub shows at most 10 annotations of each kind per step; the rest are in the summary. */
const MAX_ANNOTATIONS = 10;

/**
 * Annotates failing critical and high findings, critical first. A critical finding is an error annotation only when
 * the step fails (a red mark beside a green step reads as a contradiction); otherwise every one is a warning.
 */
export function annotateFindings(findings: Finding[], options: { stepFails: boolean; log: ActionLog }): void {
  const failing = findings.filter((f) => f.outcome === 'fail' && (f.severity === 'critical' || f.severity === 'high'));
  const ordered = [...failing.filter((f) => f.severity === 'critical'), ...failing.filter((f) => f.severity === 'high')];
  for (const finding of ordered.slice(0, MAX_ANNOTATIONS)) {
    const text = `${finding.message} Fix: ${finding.remediation.text}`;
    const title = `Discord health [${finding.severity}]: ${finding.title}`;
    if (finding.severity === 'critical' && options.stepFails) options.log.error(text, title);
    else options.log.warning(text, title);
  }
  if (ordered.length > MAX_ANNOTATIONS) options.log.info(`${ordered.length - MAX_ANNOTATIONS} more high-severity findings are listed in the job summary.`);
}
