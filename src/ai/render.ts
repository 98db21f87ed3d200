import { MAX_ANSWER_CHARS, sanitizeAnswer } from './sanitize.js';

export interface ReviewFacts {
  /** The model that answered (as the endpoint reports it, else as asked). */
  model: string;
  endpoint: string;
  answer: string;
  promptTokens: number;
  budgetTokens: number;
  /** What the prompt left out to fit the model's input limit. */
  cut: string[];
  /** The answer stopped at the output limit (finish_reason "length"). */
  truncatedByModel: boolean;
  /** When the review was written (ISO 8601). */
  at: string;
}

/** ai-review.md: the sanitised answer under a label that says it is machine-written, by which model, from what. */
export function renderAiReview(facts: ReviewFacts): string {
  const answer = sanitizeAnswer(facts.answer);
  const notes: string[] = [];
  if (facts.truncatedByModel) notes.push('The answer reached the model\'s output limit and may stop mid-sentence.');
  if (answer.cut) notes.push(`The answer was cut to ${MAX_ANSWER_CHARS.toLocaleString('en-US')} characters.`);
  const left = facts.cut.length ? ` To fit the model's input limit it left out: ${facts.cut.map(plain).join('; ')}.` : '';
  return [
    '## AI review (machine-written)',
    '',
    `> [!NOTE]`,
    `> Written by the language model ${code(facts.model)} at ${code(host(facts.endpoint))} on ${facts.at.slice(0, 10)}, from the audit prompt (${facts.promptTokens.toLocaleString('en-US')} tokens of a ${facts.budgetTokens.toLocaleString('en-US')}-token budget).${left} Not checked by a person: confirm each point in Discord before acting. Mentions, HTML and links to hosts other than Discord and GitHub were neutralised.`,
    '',
    answer.markdown,
    ...(notes.length ? ['', `_${notes.join(' ')}_`] : []),
    '',
  ].join('\n');
}

/** Text from configuration or the endpoint inside a code span: no backticks, no line breaks, bounded. */
function code(text: string): string {
  const clean = plain(text).replace(/`/g, "'").slice(0, 120);
  return `\`${clean || '?'}\``;
}

function plain(text: string): string {
  return sanitizeAnswer(String(text).replace(/\s+/g, ' '), 400).markdown.replace(/\n/g, ' ');
}

function host(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
