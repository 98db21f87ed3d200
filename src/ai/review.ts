import type { GuildExport } from '../schema/types.js';
import type { AuditResult } from '../audit/run.js';
import { redact } from '../config/redact.js';
import { oneLine } from '../text/escape.js';
import { createClient, loadOpenAI } from './client.js';
import { describeFailure, ReviewError } from './failure.js';
import { fitPrompt, type FittedPrompt } from './fit-prompt.js';
import { renderAiReview } from './render.js';
import type { AiSettings } from './settings.js';

/** The answer's length limit: ~8,000 characters, within the output limit of any chat model worth asking. */
const MAX_OUTPUT_TOKENS = 2_000;

export type AiReview =
  | { status: 'ok'; markdown: string; model: string; promptTokens: number; cut: string[] }
  | { status: 'failed'; warning: string };

/**
 * Asks the configured model to review the audit and returns ai-review.md's Markdown, sanitised and labelled, or a
 * warning saying what went wrong and how to fix it. Never throws, never takes longer than settings.timeoutMs
 * (plus the prompt's fitting): a review is an extra, and the run it belongs to goes on whatever happens here.
 */
export async function reviewAudit(exp: GuildExport, audit: AuditResult, settings: AiSettings, now: () => Date = () => new Date()): Promise<AiReview> {
  const deadline = AbortSignal.timeout(settings.timeoutMs);
  try {
    const fitted = await fitPrompt(exp, audit, settings.maxInputTokens);
    const answer = await ask(settings, fitted, deadline);
    const markdown = renderAiReview({
      model: answer.model, endpoint: settings.endpoint, answer: answer.text, promptTokens: fitted.tokens, budgetTokens: fitted.budget,
      cut: fitted.cut, truncatedByModel: answer.truncated, at: now().toISOString(),
    });
    return { status: 'ok', markdown: redact(markdown, [settings.apiKey]), model: answer.model, promptTokens: fitted.tokens, cut: fitted.cut };
  } catch (err) {
    return { status: 'failed', warning: redact(describeFailure(err, settings, await failureKind(err, deadline)), [settings.apiKey]) };
  }
}

/** The openai client's own error classes say whether time ran out or the endpoint was never reached. */
async function failureKind(err: unknown, deadline: AbortSignal): Promise<'timeout' | 'connection' | 'other'> {
  const mod = await loadOpenAI().catch(() => null);
  if (deadline.aborted || (mod && (err instanceof mod.APIConnectionTimeoutError || err instanceof mod.APIUserAbortError))) return 'timeout';
  return mod && err instanceof mod.APIConnectionError ? 'connection' : 'other';
}

interface Answer { text: string; model: string; truncated: boolean }

async function ask(settings: AiSettings, fitted: FittedPrompt, signal: AbortSignal): Promise<Answer> {
  const client = createClient(await loadOpenAI(), settings);
  const messages = [{ role: 'system' as const, content: fitted.system }, { role: 'user' as const, content: fitted.prompt }];
  const request = (limit: 'max_tokens' | 'max_completion_tokens') =>
    client.chat.completions.create({ model: settings.model, messages, [limit]: MAX_OUTPUT_TOKENS }, { signal });
  let completion;
  try {
    completion = await request('max_tokens');
  } catch (err) {
    // OpenAI's reasoning models refuse max_tokens and name its replacement: ask once more with it.
    if ((err as { status?: number }).status !== 400 || !/max_completion_tokens/.test(String((err as Error).message))) throw err;
    completion = await request('max_completion_tokens');
  }
  const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
  const message = choice?.message;
  const refusal = typeof message?.refusal === 'string' ? message.refusal.trim() : '';
  if (refusal || choice?.finish_reason === 'content_filter') {
    throw new ReviewError(`the model declined to answer${refusal ? ` ("${oneLine(refusal, 200)}")` : ' (content filter)'}. Try another model in ${settings.surface === 'cli' ? '--ai-model' : 'the `ai-model` input'}.`);
  }
  const text = typeof message?.content === 'string' ? message.content.trim() : '';
  if (!text) {
    throw new ReviewError(`the model returned an empty answer${choice?.finish_reason ? ` (finish reason: ${String(choice.finish_reason).slice(0, 40)})` : ''}. Try again, or another model in ${settings.surface === 'cli' ? '--ai-model' : 'the `ai-model` input'}.`);
  }
  const model = typeof completion.model === 'string' && completion.model.trim() ? completion.model.trim() : settings.model;
  return { text, model, truncated: choice?.finish_reason === 'length' };
}
