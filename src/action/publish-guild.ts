import { renderDiffCommitBody, renderDiffMarkdown } from '../diff/index.js';
import type { ExportOutcome } from '../pipeline/run-export.js';
import type { Finding } from '../schema/types.js';
import type { GitHubClient } from '../github/client.js';
import { getRepository, type RepositoryInfo } from '../github/repository.js';
import { renderJobSummary, type SummaryLinks } from '../github/summary.js';
import { syncTrackingIssue } from '../github/tracking-issue.js';
import { syncEscalationIssue } from '../github/escalation-issue.js';
import { formatScore } from '../github/score-text.js';
import { mdCode, mdText } from '../text/escape.js';
import { escalationsFrom } from '../alerts/escalations.js';
import { aiSummarySection, findingsChanged, withAiReview } from '../ai/publish.js';
import { compareWithPrevious, type Comparison } from './compare.js';
import { uploadArtifactStep } from './artifact-step.js';
import type { ActionInputs } from './inputs.js';
import { writeSummary } from './outputs.js';
import type { RunnerContext } from './context.js';
import { buildSnapshotFiles, commitMessage, newlyFailedCollectors, snapshotDirFor } from './snapshot.js';
import { publishSnapshot, type PublishResult } from './publish.js';
import { decideThreshold } from './threshold.js';
import { issueBody, issueTitle, issueUpdateComment, pullRequestBody, pullRequestTitle, recoveryComment, type MessageContext } from './messages.js';
import { escalationBody, escalationComment, escalationTable, escalationTitle } from './escalation-messages.js';
import { readHistory, withTrend, type TrendFiles } from './trend-files.js';
import type { ActionLog } from './log.js';

/** What every server of one run shares while its export is published. */
export interface GuildRunContext {
  inputs: ActionInputs;
  ctx: RunnerContext;
  log: ActionLog;
  client: GitHubClient | null;
  /** When the run started (the summary's duration). */
  started: number;
  /** The run exports one server: its figures are the Action's own outputs, its titles need no server id. */
  single: boolean;
}

/** One server's result: its outputs (the Action's own with one server, an entry of `results` with several). */
export interface GuildReport {
  guildId: string;
  status: ExportOutcome['status'];
  score: number | null;
  previousScore: number | null;
  issuesFound: number;
  snapshotChanged: boolean;
  commitSha: string | null;
  pullRequestNumber: number | null;
  issueNumber: number | null;
  artifactId: number | null;
  escalations: number;
  escalationIssueNumber: number | null;
  exportPath: string | null;
  zipPath: string | null;
  /** Why the step fails for this server (the run fails at the end when any server has one). */
  failures: string[];
  /** Annotated once the run knows whether the step fails. */
  findings: Finding[];
}

/**
 * One server's export, published: compare with the last snapshot -> commit -> artifact -> tracking and escalation
 * issues -> job summary. Problems are reported, never thrown: one server's trouble never stops the others.
 */
export async function publishGuild(run: GuildRunContext, outcome: ExportOutcome): Promise<GuildReport> {
  const { inputs, ctx, log, client, started } = run;
  const exp = outcome.export;
  const guildId = exp.meta.scope.guild_id;
  const score = outcome.audit.score;
  const guildName = exp.server?.name ?? guildId;
  const problems: string[] = [];
  const failures: string[] = [];
  const fail = (step: string, err: unknown): void => {
    const message = `${run.single ? '' : `${guildId}: `}${step}: ${log.redact(err instanceof Error ? err.message : String(err))}`;
    // Logged here for context; the one error annotation comes from the failure at the end.
    log.info(`Failed: ${message}`);
    problems.push(message);
    failures.push(message);
  };
  // With several servers, each group's title says which.
  const titled = (title: string) => (run.single ? title : `${title} (${guildId})`);
  const report: GuildReport = {
    guildId, status: outcome.status, score, previousScore: null, issuesFound: outcome.audit.issues_found.length, snapshotChanged: false,
    commitSha: null, pullRequestNumber: null, issueNumber: null, artifactId: null, escalations: 0, escalationIssueNumber: null,
    exportPath: outcome.files.json, zipPath: outcome.files.zip, failures, findings: outcome.audit.findings,
  };
  if (outcome.status === 'fatal') {
    const message = log.redact(`The export failed: ${outcome.fatal?.message ?? 'unknown error'} ${outcome.fatal?.hint ?? ''}`.trim());
    await writeSummary(`## Discord server export failed (${mdCode(guildId)})\n\n${mdText(message)}\n`, log);
    failures.push(run.single ? message : `${guildId}: ${message}`);
    return report;
  }
  for (const error of exp.errors) {
    const text = `Collector ${error.collector} ${error.status}: ${error.message} ${error.hint}`;
    problems.push(log.redact(text));
    log.warning(text, `Discord export: ${error.collector} ${error.status}`);
  }
  if (outcome.aiReview?.status === 'failed') log.warning(outcome.aiReview.warning, 'AI review skipped');
  if (inputs.members === 'full' && ctx.repositoryPrivate === false) {
    log.warning('members: full in a public repository: the artifact holds member identities and anyone with read access can download it. Use members: counts to keep them out.');
  }

  // GitHub: the repository, then the previous snapshot to compare against.
  // With several servers, a snapshot-dir given holds one folder per server.
  const dir = inputs.snapshotDir && !run.single ? `${inputs.snapshotDir}/${guildId}` : snapshotDirFor(inputs.snapshotDir, guildId);
  const headBranch = inputs.branch ?? `discord-snapshots/${guildId}`;
  let repo: RepositoryInfo | null = null;
  let targetBranch = 'main';
  let files!: TrendFiles;
  const compare: Comparison = await log.group(titled('Compare with the last snapshot'), async () => {
    if (client) {
      try {
        repo = await getRepository(client);
      } catch (err) {
        if (inputs.commit === 'none') log.warning(`Could not read the repository, so there is nothing to compare against: ${String(err)}`);
        else fail('Reading the repository', err);
      }
    }
    const r = repo as RepositoryInfo | null;
    targetBranch = inputs.commit === 'pull-request' ? r?.defaultBranch ?? 'main' : inputs.branch ?? r?.defaultBranch ?? 'main';
    const snapshotFiles = buildSnapshotFiles(exp, dir, { includeInviteCodes: inputs.includeInviteCodes });
    const result = await compareWithPrevious(client && r ? client : null, snapshotFiles.snapshot, {
      dir, targetBranch, headBranch: inputs.commit === 'pull-request' ? headBranch : null, onError: (e) => fail('Reading the previous snapshot', e),
    });
    const history = await readHistory(client && r ? client : null, dir, result.fromPullRequest ? headBranch : targetBranch);
    files = withTrend(snapshotFiles, exp, dir, result.previous, history);
    log.info(
      result.previous.status === 'found'
        ? `Compared with ${dir}/snapshot.json on ${result.fromPullRequest ? headBranch : targetBranch}: ${result.diff?.changes.length ?? 0} change(s).`
        : result.previous.status === 'missing' ? 'No earlier snapshot: this is the first.' : result.previous.reason,
    );
    return result;
  });
  const repoInfo = repo as RepositoryInfo | null;
  const { diff, baseDiff, previousScore } = compare;
  if (compare.previous.status === 'unreadable') problems.push(compare.previous.reason);
  const messageCtx: MessageContext = { guildName, guildId, score, previousScore, threshold: inputs.healthThreshold, runUrl: runUrl(ctx) };
  const escalations = diff ? escalationsFrom(diff, exp) : [];
  if (escalations.length) log.warning(`${escalations.length} escalation(s) since the last snapshot: ${escalations.map((e) => `${e.entity} ${e.name}: ${e.change}`).join('; ')}`, 'Discord permission escalation');

  // Commit (push | pull-request | none).
  let published: PublishResult = { changed: false, commitSha: null, pullRequest: null };
  const regressed = newlyFailedCollectors(exp, compare.previous.status === 'found' ? compare.previous.snapshot : null);
  if (regressed.length && inputs.commit !== 'none') {
    const note = `Snapshot not committed: ${regressed.join(', ')} failed this run but worked last time, so a commit would record their data as removed. The next clean run commits.`;
    log.warning(note);
    problems.push(note);
  } else if (client && repoInfo && inputs.commit !== 'none') {
    await log.group(titled('Commit the snapshot'), async () => {
      try {
        published = await publishSnapshot(client, {
          mode: inputs.commit, files: files.files, targetBranch, headBranch, defaultBranch: repoInfo.defaultBranch, log: (line) => log.info(line),
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
    });
  }

  // Artifact.
  const links: SummaryLinks = {
    commit: published.commitSha && ctx.owner ? { sha: published.commitSha, url: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${published.commitSha}` } : null,
    pullRequest: published.pullRequest,
    snapshot: snapshotLink(ctx, dir, published, compare.fromPullRequest ? headBranch : targetBranch, compare.previous.status === 'found'),
  };
  let artifactId: number | null = null;
  if (outcome.files.zip) {
    const zip = outcome.files.zip;
    await log.group(titled('Upload the artifact'), async () => {
      try {
        const artifact = await uploadArtifactStep(zip, inputs.artifactName ? (run.single ? inputs.artifactName : `${inputs.artifactName}-${guildId}`) : `discord-export-${guildId}`, inputs.artifactRetentionDays, ctx, log);
        artifactId = artifact.id;
        links.artifact = artifact.link;
      } catch (err) {
        fail('Uploading the artifact', err);
      }
    });
  }

  // Threshold: the tracking issue, then the summary, annotations and outputs, then failing last.
  const decision = decideThreshold(score, inputs.healthThreshold, inputs.onRegression, { previous: previousScore, maxDrop: inputs.maxScoreDrop });
  messageCtx.dropped = decision.dropped;
  messageCtx.trend = files?.trendMarkdown ?? '';
  if (decision.note) log.warning(decision.note);
  let issueNumber: number | null = null;
  if (decision.syncIssue && client) {
    await log.group(titled('Tracking issue'), async () => {
      try {
        const issue = await syncTrackingIssue(client, {
          guildId, labels: inputs.issueLabels, unhealthy: decision.below, title: issueTitle(messageCtx),
          body: withAiReview(issueBody(messageCtx, outcome.audit.checks, outcome.audit.findings), outcome.aiReview), recoveryComment: recoveryComment(messageCtx),
          updateComment: withAiReview(
            issueUpdateComment(messageCtx, outcome.audit.issues_found.length, diff && diff.changes.length ? renderDiffMarkdown(diff, { maxLines: 60 }) : null),
            findingsChanged(compare.previous.status === 'found' ? compare.previous.snapshot.summary?.issues_found : null, outcome.audit.issues_found) ? outcome.aiReview : null,
          ),
          score, failingChecks: outcome.audit.checks.filter((c) => c.outcome === 'fail').map((c) => c.id),
        });
        log.info(`Tracking issue: ${issue.operation}${issue.number !== null ? ` #${issue.number}` : ''}${issue.commented ? '' : issue.operation === 'updated' ? ' (body only: nothing new to comment on)' : ''}.`);
        if (issue.number !== null && issue.url) {
          issueNumber = issue.number;
          links.issue = { number: issue.number, url: issue.url, operation: issue.operation };
        }
      } catch (err) {
        fail('Updating the tracking issue', err);
      }
    });
  }

  let escalationIssue: number | null = null;
  const escalationIssueWanted = inputs.onEscalation === 'issue' || inputs.onEscalation === 'fail-and-issue';
  if (escalations.length && escalationIssueWanted && client) {
    await log.group(titled('Escalation issue'), async () => {
      try {
        const escCtx = { guildName, guildId, runUrl: runUrl(ctx), changeUrl: published.pullRequest?.url ?? links.commit?.url ?? null };
        const issue = await syncEscalationIssue(client, {
          guildId, labels: inputs.escalationLabels, title: escalationTitle(escCtx),
          body: escalationBody(escCtx, escalations), comment: escalationComment(escCtx, escalations),
        });
        escalationIssue = issue.number;
        log.info(`Escalation issue: ${issue.operation} #${issue.number}.`);
      } catch (err) {
        fail('Updating the escalation issue', err);
      }
    });
  }

  const changes = diff ? renderDiffMarkdown(diff, { maxLines: 2000 }) : null;
  await writeSummary(log.redact(renderJobSummary({
    guildName, guildId, score, previousScore, threshold: inputs.healthThreshold, exportStatus: outcome.status,
    checks: outcome.audit.checks, findings: outcome.audit.findings, changes, changeCount: diff?.changes.length ?? 0,
    snapshotChanged: published.changed, links, problems, configNotes: outcome.audit.config_notes,
    run: { durationMs: Date.now() - started, requests: outcome.requests, members: exp.server?.member_count ?? null },
    trend: files?.trendMarkdown ?? '', escalations: escalations.length ? escalationTable(escalations) : '',
  })), log);
  if (outcome.aiReview) await writeSummary(log.redact(aiSummarySection(outcome.aiReview)), log);
  Object.assign(report, {
    previousScore, snapshotChanged: published.changed, commitSha: published.commitSha, pullRequestNumber: published.pullRequest?.number ?? null,
    artifactId, issueNumber, escalations: escalations.length, escalationIssueNumber: escalationIssue,
  });
  if (escalations.length && (inputs.onEscalation === 'fail' || inputs.onEscalation === 'fail-and-issue')) {
    failures.push(`${escalations.length} permission escalation(s) since the last snapshot (on-escalation: ${inputs.onEscalation}): see the job summary's Escalations.`);
  }
  if (decision.fail) {
    failures.push(decision.dropped !== null
      ? `The health score ${formatScore(score)} fell ${decision.dropped} points since the last snapshot, more than max-score-drop (${inputs.maxScoreDrop}): see the job summary for what changed and the failing checks.`
      : `The health score ${formatScore(score)} is below the threshold of ${inputs.healthThreshold}: see the job summary for the failing checks and their fixes.`);
  }
  return report;
}

function runUrl(ctx: RunnerContext): string | null {
  return ctx.owner && ctx.runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}` : null;
}

/** Where the committed snapshot.md can be read: the new commit, else the branch that already holds it. */
function snapshotLink(ctx: RunnerContext, dir: string, published: PublishResult, branch: string, alreadyCommitted: boolean): SummaryLinks['snapshot'] {
  if (!ctx.owner || !ctx.repo) return null;
  const ref = published.commitSha ?? (alreadyCommitted ? branch : null);
  if (!ref) return null;
  // Parentheses too: a `)` in the path would end the Markdown link early.
  const encode = (p: string) => p.split('/').map((s) => encodeURIComponent(s).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('/');
  return { path: `${dir}/snapshot.md`, url: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${encode(ref)}/${encode(`${dir}/snapshot.md`)}` };
}
