import { join } from 'node:path';
import * as core from '@actions/core';
import type { ExportConfig } from '../config/types.js';
import { configsForGuilds, runExports, type GuildResult } from '../pipeline/run-exports.js';
import { GitHubClient } from '../github/client.js';
import { mdCode, mdText } from '../text/escape.js';
import { readRawInputs, secretInputs, parseInputs, InputError, type ActionInputs } from './inputs.js';
import { writeOutputs, writeSummary, annotateFindings } from './outputs.js';
import { readRunnerContext } from './context.js';
import { resolveAuditConfig } from './audit-config.js';
import { createActionLog } from './log.js';
import { createActionProgress } from './progress-log.js';
import { publishGuild, type GuildReport } from './publish-guild.js';
import { runPlanMode } from './plan-mode.js';
import { applyRefusal, runApplyStep } from './apply-mode.js';

/**
 * The action: validate -> export every server (concurrently, over one client) -> publish each (compare, commit,
 * artifact, issues, summary) -> outputs -> fail last, when any server failed, after everything else is published.
 */
export async function run(): Promise<void> {
  const started = Date.now();
  const raw = readRawInputs();
  const secrets = secretInputs(raw);
  for (const secret of secrets) core.setSecret(secret);
  const log = createActionLog(secrets);
  const ctx = readRunnerContext(process.env);
  let inputs: ActionInputs;
  try {
    inputs = parseInputs(raw, { hasRepository: ctx.owner !== null });
  } catch (err) {
    if (err instanceof InputError) return log.fail(['Invalid action inputs:', ...err.problems]);
    throw err;
  }
  // Refused before any request: an apply in a pull request, a fork, or without allow-writes.
  const refusal = applyRefusal(ctx, inputs.restore);
  if (refusal) return log.fail(refusal);
  const client = inputs.githubToken && ctx.owner && ctx.repo
    ? new GitHubClient({ apiUrl: ctx.apiUrl, token: inputs.githubToken, owner: ctx.owner, repo: ctx.repo, log: (line) => log.info(line) })
    : null;
  const modeRun = client ? { inputs, restore: inputs.restore, ctx, log, client } : null;
  if (inputs.restore.mode === 'plan' && modeRun) return runPlanMode(modeRun);
  // mode: apply changes the server first, then exports it as usual, so the commit records what the server became.
  let applyFailures: string[] = [];
  if (inputs.restore.mode === 'apply' && modeRun) {
    try {
      applyFailures = await log.group('Apply the snapshot edits of this push', () => runApplyStep(modeRun));
    } catch (err) {
      applyFailures = [`The apply stopped: ${err instanceof Error ? err.message : String(err)}`];
    }
  }
  const single = inputs.guildIds.length <= 1;
  let results: GuildResult[];
  try {
    results = await log.group(single ? 'Export the Discord server' : `Export ${inputs.guildIds.length} Discord servers`, async () => {
      const auditConfigPath = await resolveAuditConfig(inputs.config, { client, ref: ctx.sha, tempDir: ctx.tempDir, warn: (text) => log.warning(text) });
      const config: ExportConfig = {
        guildId: inputs.guildId, token: inputs.discordToken, apiBase: inputs.apiBase, demo: inputs.demo,
        outDir: join(ctx.tempDir, 'discord-export'), only: null, skip: [], members: inputs.members,
        maxMembers: null, formats: ['json', 'markdown', 'prompt', 'zip'], strict: false, auditConfigPath,
        promptBudget: 12_000, log: (line) => log.info(line), secrets, inviteCodes: inputs.includeInviteCodes, ai: inputs.ai,
        keepImages: inputs.keepImages,
      };
      // One server: a line per collector and the member count as it goes. Several: a line per server as it ends.
      const progress = single ? createActionProgress((line) => log.info(line)) : null;
      try {
        return await runExports(
          configsForGuilds(config, inputs.guildIds).map((c) => (single ? c : { ...c, log: (line: string) => log.info(`${c.guildId}: ${line}`) })),
          progress ? (_, event) => progress.onEvent(event) : undefined,
          single ? undefined : (r) => log.info(`${r.guildId}: export ${r.status === 'fatal' ? 'failed' : r.status}${r.outcome ? ` (${r.outcome.requests} requests)` : ''}.`),
        );
      } finally {
        progress?.finish();
      }
    });
  } catch (err) {
    // Configuration the pipeline rejects (e.g. an unreadable audit config): one message, nothing published.
    return log.fail(err instanceof Error ? err.message : String(err));
  }

  const reports: GuildReport[] = [];
  for (const result of results) {
    if (result.outcome) {
      reports.push(await publishGuild({ inputs, ctx, log, client, started, single }, result.outcome));
      continue;
    }
    // An export that broke (not Discord's refusal: that is a fatal outcome, published like any other).
    const message = `${result.guildId}: the export stopped: ${log.redact(result.error?.message ?? 'unknown error')}`;
    await writeSummary(`## Discord server export failed (${mdCode(result.guildId)})\n\n${mdText(message)}\n`, log);
    reports.push({ ...emptyReport(result.guildId), failures: [message] });
  }
  writeRunOutputs(reports, single);
  const failures = [...applyFailures, ...reports.flatMap((r) => r.failures)];
  // A critical finding is an error only when it is part of why the step fails; otherwise a warning.
  for (const report of reports) annotateFindings(report.findings, { stepFails: failures.length > 0, log });
  if (failures.length) log.fail(failures);
}

/** The Action's outputs: one server's figures as its own outputs, and every server's in `results` (JSON). */
function writeRunOutputs(reports: GuildReport[], single: boolean): void {
  if (single && reports[0]) {
    const r = reports[0];
    writeOutputs({
      'export-path': r.exportPath, 'zip-path': r.zipPath, 'health-score': r.score, 'issues-found': r.issuesFound,
      'previous-health-score': r.previousScore, 'snapshot-changed': r.snapshotChanged, 'commit-sha': r.commitSha,
      'pull-request-number': r.pullRequestNumber, 'artifact-id': r.artifactId, 'issue-number': r.issueNumber,
      escalations: r.escalations, 'escalation-issue-number': r.escalationIssueNumber,
    });
  } else {
    // Several servers: the single-server outputs would name one of them; the totals that still mean something.
    writeOutputs({
      'issues-found': reports.reduce((n, r) => n + r.issuesFound, 0),
      'snapshot-changed': reports.some((r) => r.snapshotChanged),
      escalations: reports.reduce((n, r) => n + r.escalations, 0),
    });
  }
  writeOutputs({
    results: JSON.stringify(reports.map((r) => ({
      'guild-id': r.guildId, status: r.status, 'health-score': r.score, 'previous-health-score': r.previousScore,
      'issues-found': r.issuesFound, 'snapshot-changed': r.snapshotChanged, 'commit-sha': r.commitSha,
      'pull-request-number': r.pullRequestNumber, 'issue-number': r.issueNumber, 'artifact-id': r.artifactId,
      escalations: r.escalations, 'escalation-issue-number': r.escalationIssueNumber, 'export-path': r.exportPath,
      failed: r.failures.length > 0,
    }))),
  });
}

function emptyReport(guildId: string): GuildReport {
  return {
    guildId, status: 'fatal', score: null, previousScore: null, issuesFound: 0, snapshotChanged: false, commitSha: null,
    pullRequestNumber: null, issueNumber: null, artifactId: null, escalations: 0, escalationIssueNumber: null,
    exportPath: null, zipPath: null, failures: [], findings: [],
  };
}
