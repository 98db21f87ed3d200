import type { AiReview } from './review.js';

/**
 * The review in GitHub's Markdown sinks (job summary, pull request body, tracking issue). Its Markdown is already
 * neutralised and labelled (see render.ts); these only decide where it goes and keep each sink within its limit.
 */

/** GitHub refuses issue and pull request bodies and comments over 65,536 characters; keep room for the rest. */
const BODY_LIMIT = 60_000;

/** The job summary's section: the review, or the warning saying why there is none. */
export function aiSummarySection(review: AiReview | null): string {
  if (!review) return '';
  if (review.status === 'ok') return `\n${review.markdown}\n`;
  return `\n> [!WARNING]\n> ${review.warning.replace(/\n/g, ' ')}\n`;
}

/** A body with the review appended when it fits the sink's limit (a pull request body, an issue body or comment). */
export function withAiReview(body: string, review: AiReview | null): string {
  if (review?.status !== 'ok') return body;
  const joined = `${body.trimEnd()}\n\n${review.markdown}`;
  return joined.length <= BODY_LIMIT ? joined : `${body.trimEnd()}\n\n_The AI review is too long to add here: see ai-review.md in the run's artifact._\n`;
}

/**
 * Whether the failing checks differ from the previous snapshot's: the tracking issue gets the review as a comment
 * only then, not on every scheduled run that finds the same problems. No previous snapshot counts as a change.
 */
export function findingsChanged(previous: readonly string[] | null | undefined, current: readonly string[]): boolean {
  if (!previous) return true;
  const before = new Set(previous);
  return before.size !== new Set(current).size || current.some((id) => !before.has(id));
}
