import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GuildExport } from '../schema/types.js';
import type { AuditResult } from '../audit/run.js';
import { reviewAudit, type AiReview } from './review.js';
import type { AiSettings } from './settings.js';

export const AI_REVIEW_FILE = 'ai-review.md';

/**
 * The review as a step of a run that writes into outDir: the file to write with the others (ai-review.md), or
 * the warning. A stale ai-review.md from an earlier run in the same folder is removed when this run has none, so
 * the folder never shows an old review beside a new export.
 */
export async function aiReviewStep(
  exp: GuildExport, audit: AuditResult, settings: AiSettings, outDir: string,
): Promise<{ review: AiReview; files: { name: string; text: string }[] }> {
  const review = await reviewAudit(exp, audit, settings);
  if (review.status === 'ok') return { review, files: [{ name: AI_REVIEW_FILE, text: review.markdown }] };
  await rm(join(outDir, AI_REVIEW_FILE), { force: true });
  return { review, files: [] };
}
