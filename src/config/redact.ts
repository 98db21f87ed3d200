/** A token as the client sends it: without the `Bot ` prefix people paste from the header form (accepted on purpose). */
export function bareToken(token: string): string {
  return token.trim().replace(/^Bot\s+/i, '');
}

/** Every form of a secret that text may carry: as given (`Bot abc...`) and bare (`abc...`), longest first. */
export function secretForms(secret: string): string[] {
  const given = secret.trim();
  const bare = bareToken(given);
  return bare === given ? [given] : [given, bare];
}

/** Replaces every secret, in each of its forms (see secretForms), in text with ***: nothing printed or written carries a token. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) {
      // Short values would mangle ordinary text; real tokens are long.
      if (form.length < 8) continue;
      out = out.split(form).join('***');
    }
  }
  return out;
}
