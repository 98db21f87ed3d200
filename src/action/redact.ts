/** Replaces every occurrence of each secret with *** (the runner masks too, but logs and files leave the runner). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
