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

/** Short values would mangle ordinary text; real tokens are long. */
const MIN_SECRET = 8;

/** Hex digits either case: "%2f" and "%2F", "\u002e" and "\u002E" are the same character. */
function hex(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** JSON's two-character escapes (`\/` is optional in JSON, and some encoders write it). */
const JSON_SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One character of a secret as a server may echo it: as is, JSON-escaped (`\u002e`, `\/`), or percent-encoded (the
 * UTF-8 bytes, `%2E`; a space also as `+`). Each character independently, since encoders escape only some.
 */
function charPattern(ch: string): string {
  // JSON escapes UTF-16 units: a character outside the BMP is two \u escapes (a surrogate pair).
  const units = Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i));
  const alts = [escapeRegExp(ch), units.map((u) => `\\\\u${hex(u, 4)}`).join('')];
  alts.push([...Buffer.from(ch, 'utf8')].map((b) => `%${hex(b, 2)}`).join(''));
  const json = JSON_SHORT[ch];
  if (json) alts.push(escapeRegExp(json));
  if (ch === ' ') alts.push('\\+');
  return `(?:${alts.join('|')})`;
}

/** Matches the secret in plain, \u-escaped and percent-encoded text, and any mix of them. */
function encodedPattern(form: string): RegExp {
  return new RegExp([...form].map(charPattern).join(''), 'g');
}

/**
 * The runs of base64 (and base64url) text that encode the secret wherever it sits in the encoded data: one for
 * each of the three byte alignments, keeping only the characters the secret's bytes alone decide.
 */
function base64Forms(form: string): string[] {
  const bytes = Buffer.from(form, 'utf8');
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    if (core.length < MIN_SECRET) continue;
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(out)];
}

/**
 * Replaces every secret, in each of its forms (see secretForms), in text with ***: as is, JSON \u-escaped,
 * percent-encoded and base64-encoded, since a server may echo a request's header or body back in any of them.
 * Nothing printed or written carries a token.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) {
      if (form.length < MIN_SECRET) continue;
      out = out.replace(encodedPattern(form), '***');
      for (const encoded of base64Forms(form)) out = out.split(encoded).join('***');
    }
  }
  return out;
}
