/** Replaces every secret (and its `Bot `-prefixed form) in text with ***: nothing printed or written carries a token. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would mangle ordinary text; real tokens are long.
    if (!secret || secret.length < 8) continue;
    out = out.split(secret).join('***');
  }
  return out;
}
