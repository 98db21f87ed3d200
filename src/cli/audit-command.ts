import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { GuildExport } from '../schema/types.js';
import { readExportFile } from '../schema/read-export.js';
import { AI_CLI_OPTIONS, AI_CLI_HELP, aiSettingsFromCli, type AiCliValues } from '../ai/cli-options.js';
import { aiReviewStep } from '../ai/export-step.js';
import { aiReviewLines } from '../ai/cli-report.js';
import { writeExportJson } from '../writers/json.js';
import { renderSnapshotJson } from '../writers/snapshot-json.js';
import { writeZip } from '../writers/zip.js';
import { writeDraft, writeFailure, writeFileAtomic } from '../writers/atomic.js';
import { memberIds, scrubSummary } from '../writers/privacy.js';
import { tempPath } from '../pipeline/temp-files.js';
import { parseInteger } from '../config/validate.js';
import {
  applyAuditToSummary, buildAuditPrompt, DEFAULT_PROMPT_BUDGET, loadAuditConfig, renderAuditText,
  renderHealthMarkdown, replaceHealthSection, runAudit,
} from '../audit/index.js';
import { HELP_OPTION, parseCommand } from './parse.js';
import { EXIT } from './exit-codes.js';
import { forTerminal } from './terminal.js';
import { ConfigError } from '../config/validate.js';

interface Io { stdout: (s: string) => void; stderr: (s: string) => void; env?: NodeJS.ProcessEnv }

export const AUDIT_HELP = `Usage: discord-server-exporter audit <export.json> [options]

Re-scores an export offline (after changing .discord-audit.yml, or with a newer version's checks) and prints the
result. Nothing is written unless --write is given.

  --write            update the files beside export.json to the new result: export.json (summary), audit-prompt.md,
                     snapshot.md (health section), snapshot.json and export.zip (each replaced whole, or not at all)
  --json             print the result as JSON
  --config FILE      audit configuration (default: .discord-audit.yml in the current folder, when there is one)
  --prompt-budget N  token budget of audit-prompt.md (default ${DEFAULT_PROMPT_BUDGET})
${AI_CLI_HELP}
  --help, -h         this help

Exit status: 0 audited, 64 bad usage or audit configuration, 65 a file from a newer major schema, 66 the file is
missing, unreadable, larger than 512 MiB or not an export, 73 --write or --ai cannot write into its folder
(permission denied, read-only), 74 writing failed (disk full).`;

const OPTIONS = {
  ...HELP_OPTION,
  json: { type: 'boolean' }, write: { type: 'boolean' }, config: { type: 'string' }, 'prompt-budget': { type: 'string' },
  ...AI_CLI_OPTIONS,
} as const;

/** `audit <export.json>`: re-scores offline and prints the result; with --write, updates every derived file. */
export async function runAuditCommand(argv: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parseCommand('audit', { args: argv, options: OPTIONS, allowPositionals: true });
  if (v.help === true) {
    io.stdout(AUDIT_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new ConfigError('Missing the export file. Usage: discord-server-exporter audit <export.json> [--write] [--json]');
  if (positionals.length > 1) throw new ConfigError(`Only one export file can be audited at a time (got ${positionals.join(', ')}).`);
  const file = positionals[0];
  const budget = v['prompt-budget'] !== undefined ? parseInteger(v['prompt-budget'], '--prompt-budget', 500, 1_000_000) : DEFAULT_PROMPT_BUDGET;
  // A bad configuration is the user's to fix: loadAuditConfig throws ConfigError (exit 64).
  const config = loadAuditConfig(v.config ?? null);
  const ai = aiSettingsFromCli(v as AiCliValues, io.env ?? {});
  const exp = await readExportFile(file, (line) => io.stderr(`${line}\n`));
  const result = runAudit(exp, config);
  const prompt = await buildAuditPrompt(exp, result, { budgetTokens: budget });
  const written = v.write === true ? await writeDerivedFiles(file, exp, result, prompt.prompt) : [];
  // --ai asks for ai-review.md beside the export: writing it is what was asked for.
  const review = ai ? await aiReviewStep(exp, result, ai, dirname(file)) : null;
  for (const extra of review?.files ?? []) {
    // Whole or not at all, and a link at that name is replaced, never written through.
    await writeFileAtomic(join(dirname(file), extra.name), extra.text);
    written.push(join(dirname(file), extra.name));
  }
  const aiJson = review ? { ai_review: review.review.status === 'ok' ? { status: 'ok', model: review.review.model, file: join(dirname(file), 'ai-review.md') } : review.review } : {};
  if (v.json === true) io.stdout(`${JSON.stringify({ ...result, prompt_tokens: prompt.tokens, prompt_cut: prompt.cut, written, ...aiJson }, null, 2)}\n`);
  else {
    io.stdout(forTerminal(renderAuditText(result)));
    const cut = prompt.cut.length ? `; cut: ${prompt.cut.join('; ')}` : '';
    io.stdout(written.length > 0
      ? `\nWrote ${written.join(', ')} (audit-prompt.md: ${prompt.tokens} tokens${cut}).\n`
      : `\nNothing written (add --write to update ${file} and the files beside it).\n`);
  }
  for (const line of aiReviewLines(review?.review ?? null)) io.stderr(`${line}\n`);
  return EXIT.ok;
}

/**
 * --write: export.json's summary, audit-prompt.md, snapshot.md's health section, snapshot.json and export.zip, so no
 * file in the folder disagrees with another. Each is written to a temporary name first and all are renamed into
 * place at the end: a failure leaves the old generation whole. export.zip is rebuilt only when there was one.
 */
async function writeDerivedFiles(file: string, exp: GuildExport, result: ReturnType<typeof runAudit>, prompt: string): Promise<string[]> {
  applyAuditToSummary(exp, result, prompt);
  const dir = dirname(file);
  const finalPath = (name: string) => (name === 'export.json' ? file : join(dir, name));
  const temps = new Map<string, string>();
  const temp = (name: string) => {
    const path = tempPath(dir, name === 'export.json' ? basename(file) : name);
    temps.set(name, path);
    return path;
  };
  try {
    // Same writer as the export itself, so a re-audit changes only the summary in a git diff.
    await writeExportJson(temp('export.json'), exp);
    await writeDraft(temp('audit-prompt.md'), prompt);
    const snapshot = finalPath('snapshot.md');
    const current = existsSync(snapshot) ? await readFile(snapshot, 'utf8') : '';
    // snapshot.md is committed: member ids in evidence are scrubbed exactly as the snapshot writer does.
    await writeDraft(temp('snapshot.md'), replaceHealthSection(current, renderHealthMarkdown(scrubSummary(exp.summary, memberIds(exp)))));
    await writeDraft(temp('snapshot.json'), renderSnapshotJson(exp));
    if (existsSync(finalPath('export.zip'))) {
      const entries = ['export.json', 'snapshot.md', 'snapshot.json', 'audit-prompt.md'].map((name) => ({ name, path: temps.get(name)! }));
      await writeZip(temp('export.zip'), entries);
    }
    for (const [name, path] of temps) await rename(path, finalPath(name));
    return [...temps.keys()].map(finalPath);
  } catch (err) {
    // A full disk or a read-only folder: one line and its own exit status; the files in place stay whole.
    throw writeFailure(err, dir) ?? err;
  } finally {
    for (const path of temps.values()) await rm(path, { force: true }).catch(() => undefined);
  }
}
