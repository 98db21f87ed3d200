import { coverageOf, type Section as CoveredSection } from '../schema/coverage.js';
import type { Finding, GuildExport } from '../schema/types.js';
import { automodLines, botLines, channelLines, inviteFacts, roleLines, settingsFacts } from './facts.js';
import type { AuditResult } from './run.js';
import { loadTokenCounter } from './tokens.js';
import { mdText } from '../text/escape.js';
import { plural } from './helpers.js';
import { endSentence } from '../text/sentence.js';

/** Default size of audit-prompt.md, in tokens (cl100k_base: close to what current LLMs count, and its tables
 * take 40 MB less memory than o200k, which matters to the memory ceiling of large exports). */
export const DEFAULT_PROMPT_BUDGET = 12_000;

/** One version of a section: its text, and what was left out compared with the full version. */
interface Level { text: string; cut?: string }
interface Section { title: string; levels: (() => Level)[] }

/** Memoizes a level so re-rendering while shrinking does not rebuild long lists. */
function once(make: () => Level): () => Level {
  let value: Level | null = null;
  return () => (value ??= make());
}

/** Keeps the first `n` lines and says how many were dropped. */
function capped(lines: string[], n: number, noun: string, why: string): Level {
  if (lines.length <= n) return { text: lines.join('\n') };
  return {
    text: `${lines.slice(0, n).join('\n')}\n- … ${lines.length - n} more ${noun} not shown`,
    cut: `${noun}: listed ${n} of ${lines.length} (${why})`,
  };
}

/**
 * A list section that shrinks step by step: the full lines, then compact lines (losing `compactCut`),
 * then the compact lines capped ever shorter, then a single count line.
 */
function shrinkingList(opts: { full: () => string[]; compact: () => string[]; compactCut: string; noun: string; why: string; countLine: (n: number) => string }): (() => Level)[] {
  let cache: string[] | null = null;
  const compact = (): string[] => (cache ??= opts.compact());
  const empty = `- No ${opts.noun}.`;
  return [
    () => ({ text: opts.full().join('\n') || empty }),
    () => ({ text: compact().join('\n') || empty, cut: opts.compactCut }),
    ...[200, 60, 20].map((n) => () => capped(compact(), n, opts.noun, opts.why)),
    () => ({ text: opts.countLine(compact().length), cut: `${opts.noun}: only counted` }),
  ].map(once);
}

function findingLine(f: Finding, withEvidence: boolean): string {
  // The runner caps evidence with a final "… N more not listed" entry; count it into the remainder.
  const items = f.evidence.filter((e) => e.id !== '…');
  const unlisted = Number.parseInt(f.evidence.find((e) => e.id === '…')?.name ?? '0', 10) || 0;
  const ev = items.slice(0, 8).map((e) => (e.detail ? `${mdText(e.name)} (${mdText(e.detail)})` : mdText(e.name)));
  const hidden = Math.max(0, items.length - 8) + unlisted;
  const more = hidden > 0 ? `, +${hidden} more` : '';
  const evidence = withEvidence && ev.length ? ` Evidence: ${ev.join(', ')}${more}.` : '';
  return `- [${f.severity}] ${f.id}: ${mdText(f.message)}${evidence} Suggested fix: ${mdText(f.remediation.text)}`;
}

/**
 * The export with every name the prompt quotes made inert Markdown text (see mdText): a server member's channel
 * or role name cannot start a heading, a list or an instruction block of its own, link out or embed HTML.
 */
function withSafeNames(exp: GuildExport): GuildExport {
  const named = <T extends { name: string }>(items: readonly T[]): T[] => items.map((item) => ({ ...item, name: mdText(item.name, 200) }));
  return {
    ...exp,
    server: exp.server && {
      ...exp.server,
      name: mdText(exp.server.name, 200),
      preferred_locale: mdText(exp.server.preferred_locale, 50),
      features: exp.server.features.map((f) => mdText(f, 100)),
    },
    channels: named(exp.channels),
    roles: named(exp.roles),
    automod: named(exp.automod).map((r) => ({ ...r, trigger: mdText(r.trigger, 50), actions: r.actions.map((a) => ({ ...a, type: mdText(a.type, 50) })) })),
    bots: named(exp.bots),
  };
}

/**
 * A prompt section over export data that may not have been collected: every level then says so with the reason (a
 * model would read an empty list as "none"), and a section read in part says that first.
 */
function guard(exp: GuildExport, data: readonly CoveredSection[], levels: (() => Level)[]): (() => Level)[] {
  const coverage = data.map((d) => [d, coverageOf(exp, d)] as const);
  const missing = coverage.filter(([, c]) => c.state === 'not_collected');
  if (missing.length > 0) {
    const text = missing.map(([d, c]) => `- Not collected (${d}): ${endSentence('reason' in c ? oneLine(c.reason) : 'no reason given')} Do not read this as "none".`).join('\n');
    return levels.map(() => () => ({ text }));
  }
  const partial = coverage.filter(([, c]) => c.state === 'partial');
  if (partial.length === 0) return levels;
  const note = partial.map(([d, c]) => `- Partial (${d}): ${'reason' in c ? oneLine(c.reason) : ''}; more may exist than listed.`).join('\n');
  return levels.map((level) => once(() => {
    const l = level();
    return { ...l, text: `${note}\n${l.text}` };
  }));
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Assembles the sections in reading order, and the shrinking steps to take, least important first. */
function sections(exp: GuildExport, result: AuditResult): { list: Section[]; steps: [section: number, level: number][] } {
  const failing = result.findings.filter((f) => f.outcome === 'fail');
  const other = result.checks.filter((c) => c.outcome !== 'fail');
  const role = `You are an experienced Discord community-safety consultant. Below are facts exported from the Discord server "${exp.server?.name ?? exp.meta.scope.guild_id}" and the results of an automated health audit (score ${result.score === null ? 'n/a: no check was conclusive' : `${result.score}/100`}). Review the configuration, confirm or challenge the automated findings, and find problems the checks cannot see (confusing structure, permission combinations, missing moderation practice). Members are given only as counts and invites only by shape; do not ask for member identities or invite codes.`;
  const questions = [
    '1. Which problems put the server at real risk (raids, account takeover, leaks, abuse of permissions), and why?',
    '2. Which exact role permissions and channel overwrites should change? Name the role or channel and the permission.',
    '3. Which automated findings do you disagree with for a server of this size and kind, and why?',
    '4. What moderation setup (AutoMod, logs, verification, onboarding) fits this server\'s size?',
    '5. What structural clean-up (channels, categories, roles) would make it easier to run?',
  ].join('\n');
  const format = 'Answer in Markdown: first a one-paragraph overall assessment; then a numbered list of actions in priority order, each with **what to change** (the Discord setting path), **why**, **effort** (low/medium/high) and **risk if ignored**; then "Quick wins" (under 5 minutes each); then any questions you need answered before going further.';
  const fixed = (text: string): (() => Level)[] => [() => ({ text })];
  const list: Section[] = [
    { title: 'Your role and task', levels: fixed(role) },
    { title: 'Server settings', levels: fixed([...(exp.meta.fatal ? [`- THE EXPORT FAILED: ${endSentence(oneLine(exp.meta.fatal.message))} Nothing was collected and nothing was scored.`] : []), ...settingsFacts(exp)].join('\n')) },
    { title: 'Failing checks', levels: [
      once(() => ({ text: failing.map((f) => findingLine(f, true)).join('\n') || '- None.' })),
      once(() => ({ text: failing.map((f) => findingLine(f, false)).join('\n') || '- None.', cut: 'evidence lists of failing checks' })),
    ] },
    { title: 'Other checks', levels: [
      () => ({ text: other.map((c) => `- ${c.id}: ${c.outcome}${c.disabled_reason ? ` (disabled: ${mdText(c.disabled_reason)})` : ''}. ${mdText(c.message)}`).join('\n') || '- None.' }),
      () => ({ text: `- ${other.filter((c) => c.outcome === 'pass').length} passed, ${other.filter((c) => c.outcome !== 'pass').length} not applicable or errored (details left out).`, cut: 'passing and not-applicable check details' }),
    ] },
    { title: 'Roles (highest first, with permissions)', levels: guard(exp, ['roles'], shrinkingList({
      full: () => roleLines(exp, false), compact: () => roleLines(exp, true), compactCut: 'role permissions other than the dangerous ones',
      noun: 'roles', why: 'highest first', countLine: (n) => `- ${plural(n, 'role')} (list left out).`,
    })) },
    { title: 'Channel tree (with role overwrites; + allow, - deny)', levels: guard(exp, ['channels'], shrinkingList({
      full: () => channelLines(exp, true), compact: () => channelLines(exp, false), compactCut: 'channel permission overwrites',
      noun: 'channels', why: 'in channel-list order', countLine: (n) => `- ${plural(n, 'channel or category', 'channels and categories')} (tree left out).`,
    })) },
    { title: 'AutoMod rules', levels: guard(exp, ['automod'], shrinkingList({
      full: () => automodLines(exp), compact: () => automodLines(exp), compactCut: '', noun: 'AutoMod rules', why: 'by name',
      countLine: (n) => `- ${plural(n, 'AutoMod rule')} (${exp.automod.filter((r) => r.enabled).length} enabled).`,
    })) },
    { title: 'Invites (shape only)', levels: guard(exp, ['invites'], fixed(inviteFacts(exp).join('\n'))) },
    { title: 'Bots', levels: guard(exp, ['bots'], shrinkingList({
      full: () => botLines(exp), compact: () => botLines(exp), compactCut: '', noun: 'bots', why: 'by name',
      countLine: (n) => `- ${plural(n, 'bot')} (${exp.bots.filter((b) => b.permission_names.includes('Administrator')).length} with Administrator).`,
    })) },
    { title: 'Questions to answer', levels: fixed(questions) },
    { title: 'Answer format', levels: fixed(format) },
  ];
  // Least important detail first: passing checks, overwrites and non-dangerous permissions, then the long lists
  // shrink together (so one list is not wiped out while another stays whole), evidence late, counts last.
  const [other_, roles, channels, automod, bots, failing_] = [3, 4, 5, 6, 8, 2];
  const lists = [channels, roles, bots, automod];
  const steps: [number, number][] = [[other_, 1], [channels, 1], [roles, 1], ...lists.map((i): [number, number] => [i, 2]),
    ...lists.map((i): [number, number] => [i, 3]), [failing_, 1], ...lists.map((i): [number, number] => [i, 4]), ...lists.map((i): [number, number] => [i, 5])];
  return { list, steps };
}

function render(list: Section[], levels: number[], cut: string[]): string {
  const body = list.map((s, i) => `## ${s.title}\n\n${s.levels[levels[i]]().text}`).join('\n\n');
  const note = cut.length ? `\n\n_To fit the token budget, this prompt leaves out: ${cut.join('; ')}._` : '';
  return `# Discord server health audit\n\n${body}${note}\n`;
}

/** The LLM audit prompt (audit-prompt.md) within a token budget, saying what was cut to fit. */
export async function buildAuditPrompt(
  exp: GuildExport, result: AuditResult, options: { budgetTokens?: number } = {},
): Promise<{ prompt: string; tokens: number; cut: string[] }> {
  const countTokens = await loadTokenCounter();
  const budget = options.budgetTokens ?? DEFAULT_PROMPT_BUDGET;
  const { list, steps } = sections(withSafeNames(exp), result);
  const levels = list.map(() => 0);
  // Per section, every detail given up so far (a capped list has also lost what the compact step dropped).
  const cuts = list.map((): string[] => []);
  const allCuts = (): string[] => cuts.flat();
  let prompt = render(list, levels, []);
  let tokens = countTokens(prompt);
  for (const [index, level] of steps) {
    if (tokens <= budget) break;
    if (level >= list[index].levels.length || levels[index] >= level) continue;
    levels[index] = level;
    const cut = list[index].levels[level]().cut;
    // A new cap replaces the previous one for the same list; the compact step's loss stays listed.
    if (cut) cuts[index] = [...cuts[index].filter((c) => !c.startsWith(`${cut.split(':')[0]}:`)), cut];
    prompt = render(list, levels, allCuts());
    tokens = countTokens(prompt);
  }
  const cut = allCuts();
  if (tokens > budget) cut.push(`still ${tokens} tokens, over the ${budget}-token budget: the essential sections alone are larger`);
  return { prompt, tokens, cut };
}
