/**
 * Text that ends a sentence, with one full stop: outside messages (Discord's errors, a collector's reason) often
 * end with their own, and adding another made "token (401 Unauthorized).." in reports.
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
