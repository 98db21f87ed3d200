import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SCHEMA_VERSION, type GuildExport } from '../schema/types.js';
import { checkSchemaVersion, EXIT_NEWER_SCHEMA, NewerSchemaError } from '../schema/version.js';
import { fromWire, schemaMajor } from '../schema/wire.js';
import { writeExportJson } from '../writers/json.js';
import { memberIds, scrubSummary } from '../writers/privacy.js';
import {
  applyAuditToSummary, buildAuditPrompt, DEFAULT_PROMPT_BUDGET, loadAuditConfig, renderAuditText,
  renderHealthMarkdown, replaceHealthSection, runAudit, type AuditConfig,
} from '../audit/index.js';

import { AI_CLI_OPTIONS, aiSettingsFromCli, type AiCliValues } from '../ai/cli-options.js';
import { aiReviewStep } from '../ai/export-step.js';
import { aiReviewLines } from '../ai/cli-report.js';

interface Io { stdout: (s: string) => void; stderr: (s: string) => void; env?: NodeJS.ProcessEnv }

const USAGE = 'Usage: audit <export.json> [--json] [--config FILE] [--prompt-budget N] [--ai [--ai-endpoint URL] [--ai-model ID] [--ai-max-input-tokens N] [--ai-timeout MS]]';

interface AuditArgs { file: string; json: boolean; config: string | null; budget: number; ai: AiCliValues }

/** Parses argv; a string return is the usage error to print. */
function parseArgs(argv: string[]): AuditArgs | string {
  const args: AuditArgs = { file: '', json: false, config: null, budget: DEFAULT_PROMPT_BUDGET, ai: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | null => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i] ?? null);
    const aiFlag = a.slice(2).split('=')[0] as keyof typeof AI_CLI_OPTIONS;
    if (a === '--json') args.json = true;
    else if (a === '--ai') args.ai.ai = true;
    else if (aiFlag !== 'ai' && a.startsWith('--') && aiFlag in AI_CLI_OPTIONS) {
      const v = value();
      if (!v) return `--${aiFlag} needs a value. ${USAGE}`;
      args.ai[aiFlag] = v;
    }
    else if (a === '--config' || a.startsWith('--config=')) {
      const v = value();
      if (!v) return `--config needs a file path. ${USAGE}`;
      args.config = v;
    } else if (a === '--prompt-budget' || a.startsWith('--prompt-budget=')) {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 500) return `--prompt-budget must be a whole number of tokens, at least 500. ${USAGE}`;
      args.budget = v;
    } else if (a.startsWith('-')) return `Unknown option ${a}. ${USAGE}`;
    else if (args.file) return `Only one export file can be audited at a time (got ${args.file} and ${a}). ${USAGE}`;
    else args.file = a;
  }
  return args.file ? args : `Missing the export file. ${USAGE}`;
}

/** Reads and minimally validates an export.json. */
async function readExport(file: string, warn: (line: string) => void): Promise<GuildExport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Pass the path of an export.json written by the export command.`);
  }
  let exp: GuildExport;
  try {
    exp = JSON.parse(text) as GuildExport;
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}). Re-run the export to get a complete file.`);
  }
  if (!exp || typeof exp !== 'object' || Array.isArray(exp) || !exp.meta || typeof exp.meta !== 'object') {
    throw new Error(`${file} does not look like an export (no meta, roles or channels). Pass the export.json from an export run.`);
  }
  const warning = checkSchemaVersion(exp, file);
  if (warning) warn(warning);
  // A 1.x file is rewritten in the 2.x form below: its version says so.
  if (schemaMajor(exp) < schemaMajor({ meta: { schema_version: SCHEMA_VERSION } })) exp.meta.schema_version = SCHEMA_VERSION;
  // Sections written as null or {"not_collected": why} come back as empty and stay "not collected".
  fromWire(exp as unknown as Record<string, unknown>);
  if (!Array.isArray(exp.roles) || !Array.isArray(exp.channels)) {
    throw new Error(`${file} does not look like an export (no meta, roles or channels). Pass the export.json from an export run.`);
  }
  // Older or hand-edited exports may lack optional arrays; treat them as empty rather than crash every check.
  for (const key of ['members', 'threads', 'automod', 'invites', 'bots', 'webhooks', 'access', 'errors'] as const) {
    if (!Array.isArray(exp[key])) (exp as unknown as Record<string, unknown>)[key] = [];
  }
  exp.meta.collectors ??= {};
  return exp;
}

/** `audit <export.json>`: re-scores offline, prints the result, rewrites the summary, audit-prompt.md and snapshot.md's health section. */
export async function runAuditCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n`);
    return 64;
  }
  let config: AuditConfig;
  let ai;
  try {
    ai = aiSettingsFromCli(args.ai, io.env ?? {});
    config = loadAuditConfig(args.config);
  } catch (err) {
    io.stderr(`audit: ${(err as Error).message}\n`);
    return 64;
  }
  try {
    const exp = await readExport(args.file, (line) => io.stderr(`${line}\n`));
    const result = runAudit(exp, config);
    const prompt = await buildAuditPrompt(exp, result, { budgetTokens: args.budget });
    applyAuditToSummary(exp, result, prompt.prompt);
    const dir = dirname(args.file);
    const review = ai ? await aiReviewStep(exp, result, ai, dir) : null;
    for (const file of review?.files ?? []) await writeFile(join(dir, file.name), file.text);
    // Same writer as the export itself, so a re-audit changes only the summary in a git diff.
    await writeExportJson(args.file, exp);
    await writeFile(join(dir, 'audit-prompt.md'), prompt.prompt);
    const snapshot = join(dir, 'snapshot.md');
    const current = existsSync(snapshot) ? await readFile(snapshot, 'utf8') : '';
    // snapshot.md is committed: member ids in evidence are scrubbed exactly as the snapshot writer does.
    await writeFile(snapshot, replaceHealthSection(current, renderHealthMarkdown(scrubSummary(exp.summary, memberIds(exp)))));
    const aiJson = review ? { ai_review: review.review.status === 'ok' ? { status: 'ok', model: review.review.model, file: join(dir, 'ai-review.md') } : review.review } : {};
    if (args.json) io.stdout(`${JSON.stringify({ ...result, prompt_tokens: prompt.tokens, prompt_cut: prompt.cut, ...aiJson }, null, 2)}\n`);
    else {
      io.stdout(renderAuditText(result));
      io.stdout(`\nWrote ${args.file} (summary), ${join(dir, 'audit-prompt.md')} (${prompt.tokens} tokens${prompt.cut.length ? `; cut: ${prompt.cut.join('; ')}` : ''}) and ${snapshot} (health section).\n`);
    }
    for (const line of aiReviewLines(review?.review ?? null)) io.stderr(`${line}\n`);
    return 0;
  } catch (err) {
    io.stderr(`audit failed: ${(err as Error).message}\n`);
    return err instanceof NewerSchemaError ? EXIT_NEWER_SCHEMA : 1;
  }
}
