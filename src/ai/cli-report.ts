import { oneLine } from '../text/escape.js';
import type { AiReview } from './review.js';

/** What the CLI tells the user about the review (stderr: stdout stays the export's own report). */
export function aiReviewLines(review: AiReview | null): string[] {
  if (!review) return [];
  if (review.status === 'failed') return [`Warning: ${review.warning}`];
  return [`AI review by ${oneLine(review.model, 120)} written to ai-review.md (machine-written: confirm each point before acting).`];
}
