import { join } from 'node:path';
import * as core from '@actions/core';
import { runExport, type ExportOutcome } from '../pipeline/run-export.js';
import { renderDiffCommitBody, renderDiffMarkdown } from '../diff/index.js';
import { compareWithPrevious } from './compare.js';
import { GitHubClient } from '../github/client.js';
import { getRepository, type RepositoryInfo } from '../github/repository.js';
import { uploadArtifactStep } from './artifact-step.js';
import { renderJobSummary, type SummaryLinks } from '../github/summary.js';
import { syncTrackingIssue } from '../github/tracking-issue.js';
import { formatScore } from '../github/score-text.js';
import { readRawInputs, secretInputs, parseInputs, InputError, type ActionInputs } from './inputs.js';
import { writeOutputs, writeSummary, annotateFindings } from './outputs.js';
import { readRunnerContext, type RunnerContext } from './context.js';
import { buildSnapshotFiles, commitMessage, newlyFailedCollectors, snapshotDirFor } from './snapshot.js';
import { publishSnapshot, type PublishResult } from './publish.js';
import { decideThreshold } from './threshold.js';
import { issueBody, issueTitle, issueUpdateComment, pullRequestBody, pullRequestTitle, recoveryComment, type MessageContext } from './messages.js';
import { redact } from '../config/redact.js';
import { resolveAuditConfig } from './audit-config.js';
import { aiSummarySection, findingsChanged, withAiReview } from '../ai/publish.js';

/** The action: validate -> export -> compare -> commit -> artifact -> summary -> outputs -> threshold -> fail last. */
export async function run(): Promise<void> {
  const raw = readRawInputs();
  const secrets = secretInputs(raw);
  for (const secret of secrets) core.setSecret(secret);
  const ctx = readRunnerContext(process.env);
  let inputs: ActionInputs;
  try {
    inputs = parseInputs(raw, { hasRepository: ctx.owner !== null });
  } catch (err) {
    if (err instanceof InputError) return core.setFailed(err.message);
    throw err;
  }
  const problems: string[] = [];
  const failures: string[] = [];
  const fail = (step: string, err: unknown): void => {
    const message = `${step}: ${redact(err instanceof Error ? err.message : String(err), secrets)}`;
    // Logged here for context; the one error annotation comes from setFailed at the end.
    core.info(`Failed: ${message}`);
    problems.push(message);
    failures.push(message);
  };

  const client = inputs.githubToken && ctx.owner && ctx.repo ? new GitHubClient({ apiUrl: ctx.apiUrl, token: inputs.githubToken, owner: ctx.owner, repo: ctx.repo }) : null;
  let outcome: ExportOutcome;
  try {
    const auditConfigPath = await resolveAuditConfig(inputs.config, {
      client, ref: ctx.sha, tempDir: ctx.tempDir, warn: (text) => core.warning(redact(text, secrets)),
    });
    outcome = await runExport({
      guildId: inputs.guildId, token: inputs.discordToken, apiBase: inputs.apiBase, demo: inputs.demo,
      outDir: join(ctx.tempDir, `discord-export-${inputs.guildId ?? 'demo'}`), only: null, skip: [], members: inputs.members,
      maxMembers: null, formats: ['json', 'markdown', 'prompt', 'zip'], strict: false, auditConfigPath,
      promptBudget: 12_000, log: (line) => core.info(redact(line, secrets)), secrets, ai: inputs.ai,
    });
  } catch (err) {
    // Configuration the pipeline rejects (e.g. an unreadable audit config): one message, nothing published.
    return core.setFailed(redact(err instanceof Error ? err.message : String(err), secrets));
  }
  const exp = outcome.export;
  const guildId = exp.meta.scope.guild_id;
  const score = outcome.audit.score;
  const guildName = exp.server?.name ?? guildId;
  writeOutputs({ 'export-path': outcome.files.json, 'zip-path': outcome.files.zip, 'health-score': score, 'issues-found': outcome.audit.issues_found.length });
  if (outcome.status === 'fatal') {
    const message = redact(`The export failed: ${outcome.fatal?.message ?? 'unknown error'} ${outcome.fatal?.hint ?? ''}`.trim(), secrets);
    await writeSummary(`## Discord server export failed (\`${guildId}\`)\n\n${message}\n`);
    return core.setFailed(message);
  }
  for (const error of exp.errors) {
    const text = redact(`Collector ${error.collector} ${error.status}: ${error.message} ${error.hint}`, secrets);
    problems.push(text);
    core.warning(text, { title: `Discord export: ${error.collector} ${error.status}` });
  }
  if (outcome.aiReview?.status === 'failed') core.warning(redact(outcome.aiReview.warning, secrets), { title: 'AI review skipped' });
  if (inputs.members === 'full' && ctx.repositoryPrivate === false) {
    core.warning('members: full in a public repository: the artifact holds member identities and anyone with read access can download it. Use members: counts to keep them out.');
  }

  // GitHub: the repository, then the previous snapshot to compare against.
  let repo: RepositoryInfo | null = null;
  if (client) {
    try {
      repo = await getRepository(client);
    } catch (err) {
      if (inputs.commit === 'none') core.warning(`Could not read the repository, so there is nothing to compare against: ${redact(String(err), secrets)}`);
      else fail('Reading the repository', err);
    }
  }
  const dir = snapshotDirFor(inputs.snapshotDir, guildId);
  const headBranch = inputs.branch ?? `discord-snapshots/${guildId}`;
  const targetBranch = inputs.commit === 'pull-request' ? repo?.defaultBranch ?? 'main' : inputs.branch ?? repo?.defaultBranch ?? 'main';
  const files = buildSnapshotFiles(exp, dir, (ctx.repositoryPrivate ?? repo?.private) === true);
  const compare = await compareWithPrevious(client && repo ? client : null, files.snapshot, {
    dir, targetBranch, headBranch: inputs.commit === 'pull-request' ? headBranch : null, onError: (e) => fail('Reading the previous snapshot', e),
  });
  const { diff, baseDiff, previousScore } = compare;
  if (compare.previous.status === 'unreadable') problems.push(compare.previous.reason);
  const messageCtx: MessageContext = { guildName, guildId, score, previousScore, threshold: inputs.healthThreshold, runUrl: runUrl(ctx) };

  // Commit (push | pull-request | none).
  let published: PublishResult = { changed: false, commitSha: null, pullRequest: null };
  const regressed = newlyFailedCollectors(exp, compare.previous.status === 'found' ? compare.previous.snapshot : null);
  if (regressed.length && inputs.commit !== 'none') {
    const note = `Snapshot not committed: ${regressed.join(', ')} failed this run but worked last time, so a commit would record their data as removed. The next clean run commits.`;
    core.warning(note);
    problems.push(note);
  } else if (client && repo && inputs.commit !== 'none') {
    try {
      published = await publishSnapshot(client, {
        mode: inputs.commit, files: files.files, targetBranch, headBranch, defaultBranch: repo.defaultBranch, log: (line) => core.info(line),
        message: commitMessage(inputs.commitMessage, { guildName, guildId, score: formatScore(score) }, diff ? renderDiffCommitBody(diff, 50) : 'First snapshot.'),
        prTitle: pullRequestTitle(messageCtx),
        prBody: withAiReview(pullRequestBody(
          messageCtx,
          baseDiff ? renderDiffMarkdown(baseDiff, { maxLines: 300 }) : null,
          diff && compare.fromPullRequest ? renderDiffMarkdown(diff, { maxLines: 100 }) : null,
          targetBranch,
        ), outcome.aiReview),
      });
    } catch (err) {
      fail('Committing the snapshot', err);
    }
  }

  // Artifact.
  const links: SummaryLinks = {
    commit: published.commitSha && ctx.owner ? { sha: published.commitSha, url: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${published.commitSha}` } : null,
    pullRequest: published.pullRequest,
  };
  let artifactId: number | null = null;
  if (outcome.files.zip) {
    try {
      const artifact = await uploadArtifactStep(outcome.files.zip, inputs.artifactName ?? `discord-export-${guildId}`, inputs.artifactRetentionDays, ctx);
      artifactId = artifact.id;
      links.artifact = artifact.link;
    } catch (err) {
      fail('Uploading the artifact', err);
    }
  }

  // Summary, annotations, outputs: all written before the threshold can fail the step.
  const changes = diff ? renderDiffMarkdown(diff, { maxLines: 2000 }) : null;
  await writeSummary(redact(renderJobSummary({
    guildName, guildId, score, previousScore, threshold: inputs.healthThreshold, exportStatus: outcome.status,
    checks: outcome.audit.checks, findings: outcome.audit.findings, changes, changeCount: diff?.changes.length ?? 0,
    snapshotChanged: published.changed, links, problems, configNotes: outcome.audit.config_notes,
  }), secrets));
  if (outcome.aiReview) await writeSummary(redact(aiSummarySection(outcome.aiReview), secrets));
  annotateFindings(outcome.audit.findings);
  writeOutputs({
    'previous-health-score': previousScore, 'snapshot-changed': published.changed, 'commit-sha': published.commitSha,
    'pull-request-number': published.pullRequest?.number ?? null, 'artifact-id': artifactId,
  });

  // Threshold: the tracking issue, then failing last.
  const decision = decideThreshold(score, inputs.healthThreshold, inputs.onRegression);
  if (decision.note) core.warning(decision.note);
  let issueNumber: number | null = null;
  if (decision.syncIssue && client) {
    try {
      const issue = await syncTrackingIssue(client, {
        guildId, labels: inputs.issueLabels, unhealthy: decision.below, title: issueTitle(messageCtx),
        body: withAiReview(issueBody(messageCtx, outcome.audit.checks, outcome.audit.findings), outcome.aiReview), recoveryComment: recoveryComment(messageCtx),
        updateComment: withAiReview(
          issueUpdateComment(messageCtx, outcome.audit.issues_found.length, diff && diff.changes.length ? renderDiffMarkdown(diff, { maxLines: 60 }) : null),
          findingsChanged(compare.previous.status === 'found' ? compare.previous.snapshot.summary?.issues_found : null, outcome.audit.issues_found) ? outcome.aiReview : null,
        ),
      });
      if (issue.number !== null && issue.url) {
        issueNumber = issue.number;
        await writeSummary(`- Tracking issue (${issue.operation}): [#${issue.number}](${issue.url})\n`);
      }
    } catch (err) {
      fail('Updating the tracking issue', err);
    }
  }
  writeOutputs({ 'issue-number': issueNumber });
  if (decision.fail) failures.push(`The health score ${formatScore(score)} is below the threshold of ${inputs.healthThreshold}: see the job summary for the failing checks and their fixes.`);
  if (failures.length) core.setFailed(failures.join('\n'));
}

function runUrl(ctx: RunnerContext): string | null {
  return ctx.owner && ctx.runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}` : null;
}
