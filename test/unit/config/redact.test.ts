import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareToken, redact, secretForms } from '../../../src/config/redact.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.redact.abcdefghijklmnopqrstuvwxyz';

describe('redact', () => {
  it('scrubs a token given as "Bot <token>" in both forms: prefixed and bare', () => {
    const text = `header Bot ${TOKEN}; echoed ${TOKEN}; again:${TOKEN}.`;
    expect(redact(text, [`Bot ${TOKEN}`])).toBe('header ***; echoed ***; again:***.');
    expect(redact(text, [`  bot   ${TOKEN} `])).not.toContain(TOKEN);
  });

  it('scrubs the header form the client sends when the token was given bare', () => {
    expect(redact(`Authorization: Bot ${TOKEN}`, [TOKEN])).toBe('Authorization: Bot ***');
  });

  it('leaves short values and missing secrets alone', () => {
    expect(redact('Bot abc and abc', ['Bot abc', null, undefined, ''])).toBe('Bot abc and abc');
  });
});

describe('secretForms and bareToken', () => {
  it('give the form as given and the bare token the client sends', () => {
    expect(bareToken(`Bot ${TOKEN}`)).toBe(TOKEN);
    expect(secretForms(`Bot ${TOKEN}`)).toEqual([`Bot ${TOKEN}`, TOKEN]);
    expect(secretForms(TOKEN)).toEqual([TOKEN]);
  });
});

/** Every character as JSON's \uXXXX escape, as some servers echo strings. */
const unicodeEscaped = (s: string, upper = false): string =>
  [...s].map((c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')).map((e) => (upper ? e.toUpperCase().replace(/\\U/g, '\\u') : e)).join('');
/** Every byte percent-encoded, not only the reserved ones. */
const percentAll = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** Tokens of the shape Discord issues (base64url parts with dots), and other long secrets with any characters. */
const tokens = fc.oneof(
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{24}$/), fc.stringMatching(/^[A-Za-z0-9_-]{6}$/), fc.stringMatching(/^[A-Za-z0-9_-]{27,38}$/)).map((p) => p.join('.')),
  fc.string({ minLength: 8, maxLength: 60 }).filter((s) => s.trim().length >= 8 && s.trim() === s && !/^Bot\s/i.test(s)),
);
const around = fc.string({ maxLength: 40 });

describe('redact, encoded forms a server may echo', () => {
  it('scrubs the \\u-escaped, percent-encoded and mixed forms', () => {
    expect(redact(`x ${unicodeEscaped('secret-\u{1F511}-value')} y`, ['secret-\u{1F511}-value'])).toBe('x *** y');
    const escaped = TOKEN.replace(/\./g, '\\u002e');
    expect(redact(`{"echo":"${escaped}"}`, [TOKEN])).toBe('{"echo":"***"}');
    expect(redact(`token=${encodeURIComponent(`Bot ${TOKEN}`)}&x=1`, [TOKEN])).toBe('token=Bot%20***&x=1');
    expect(redact(`a ${unicodeEscaped(TOKEN, true)} b`, [`Bot ${TOKEN}`])).toBe('a *** b');
  });

  it('scrubs the base64 and base64url forms, wherever the token sits in the encoded data', () => {
    for (const prefix of ['', 'A', 'Ab', 'Authorization: Bot ']) {
      const encoded = Buffer.from(`${prefix}${TOKEN}"}`).toString('base64');
      expect(redact(encoded, [TOKEN]), prefix).not.toContain(Buffer.from(TOKEN).toString('base64').slice(4, 20));
      const kept = Buffer.from(redact(encoded, [TOKEN]).replace(/\*\*\*/g, ''), 'base64').toString('latin1');
      expect(kept, prefix).not.toContain(TOKEN.slice(2, -2));
    }
  });

  it('property: no encoding of a secret survives, with any text around it', () => {
    fc.assert(fc.property(tokens, around, around, fc.boolean(), (secret, before, after, withPrefix) => {
      const given = withPrefix ? `Bot ${secret}` : secret;
      const forms = [secret, JSON.stringify(secret).slice(1, -1), unicodeEscaped(secret), unicodeEscaped(secret, true),
        encodeURIComponent(secret), percentAll(secret)];
      for (const form of forms) {
        const out = redact(`${before}${form}${after}`, [given]);
        expect(out).toContain('***');
        expect(out.replace(before, '').replace(after, '')).not.toContain(form);
      }
      for (const pad of ['', 'x', 'xy']) {
        for (const encoding of ['base64', 'base64url'] as const) {
          const data = Buffer.from(`${pad}${secret}${after}`, 'utf8').toString(encoding);
          const decoded = Buffer.from(redact(data, [given]).replace(/\*\*\*/g, ''), encoding).toString('utf8');
          // What is left decodes to at most a few bytes from each end of the secret, never the secret.
          expect(decoded).not.toContain(secret);
        }
      }
    }), { numRuns: 300 });
  });

  it('property: text without the secret is left as it was', () => {
    fc.assert(fc.property(tokens, fc.string({ maxLength: 200 }), (secret, text) => {
      fc.pre(!text.includes(secret.slice(0, 8)) && !text.includes('%') && !text.includes('\\') && !text.includes('+'));
      expect(redact(text, [secret])).toBe(text);
    }), { numRuns: 300 });
  });
});
