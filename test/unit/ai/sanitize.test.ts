import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitizeAnswer } from '../../../src/ai/sanitize.js';

const clean = (text: string) => sanitizeAnswer(text).markdown;

/** Every web address GitHub would autolink or link in the output, with its host. */
function linkedHosts(markdown: string): string[] {
  const hosts: string[] = [];
  for (const m of markdown.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>)\]]+/gi)) {
    try {
      hosts.push(new URL(m[0].startsWith('www.') ? `https://${m[0]}` : m[0]).hostname);
    } catch {
      hosts.push('unparsable');
    }
  }
  return hosts;
}

const hostile = fc.array(fc.constantFrom(
  '::error::x', '::stop-commands::t', '##[error]x', '@everyone', '@here', '@org/team', '<script>', '<img src=x>',
  '<details>', 'https://evil.example/a', 'www.evil.example', '[x](https://evil.example)', '![i](http://evil.example/p.png)',
  '[d](https://discord.com/safety)', 'https://discord.com@evil.example/', '```', '~~~', '`', '\n', '\r', '\u2028', ' ', '  ',
  '\u202e', '\u001b[31m', '# ', '[ref]: https://evil.example', 'text', '](', 'javascript:alert(1)', '&lt;', '\t',
), { maxLength: 40 }).map((parts) => parts.join(''));

describe('sanitizeAnswer', () => {
  it('leaves no line the runner reads as a workflow command', () => {
    fc.assert(fc.property(fc.oneof(hostile, fc.string()), (text) => {
      for (const line of clean(text).split('\n')) expect(line).not.toMatch(/^\s*(::|##\[)/);
    }));
  });

  it('leaves no mention that notifies', () => {
    fc.assert(fc.property(fc.oneof(hostile, fc.string()), (text) => {
      expect(clean(text)).not.toMatch(/@[\p{L}\p{N}_-]/u);
    }));
  });

  it('leaves no HTML outside code blocks', () => {
    fc.assert(fc.property(hostile, (text) => {
      // Without fence characters nothing is code: no "<" may survive.
      fc.pre(!text.includes('`') && !text.includes('~'));
      expect(clean(text)).not.toContain('<');
    }));
  });

  it('links only to Discord and GitHub', () => {
    fc.assert(fc.property(hostile, (text) => {
      for (const host of linkedHosts(clean(text))) expect(host === 'discord.com' || host.endsWith('.discord.com') || host === 'github.com' || host.endsWith('.github.com'), host).toBe(true);
    }));
  });

  it('removes terminal sequences, bidi overrides and control characters', () => {
    expect(clean('a\u001b[31mred\u001b[0m \u202egnp.exe\u0007')).toBe('ared gnp.exe');
  });

  it('keeps a link text and names the removed host', () => {
    expect(clean('Read [the guide](https://evil.example/x "t").')).toBe('Read the guide (link removed: evil[.]example).');
    expect(clean('[x](javascript:alert(1))')).toContain('x (link removed: not a web address)');
    expect(clean('https://discord.com@evil.example/')).not.toContain('https://');
    expect(clean('![logo](https://evil.example/p.png)')).toBe('image: logo (link removed: evil[.]example)');
  });

  it('keeps Discord and GitHub links as they are', () => {
    const text = 'See [Safety Setup](https://support.discord.com/hc/en-us/articles/1) and https://docs.github.com/en/actions.';
    expect(clean(text)).toBe(text);
  });

  it('breaks reference-style link definitions', () => {
    expect(clean('[ref]: https://evil.example')).toBe('\\[ref]: hxxps://evil[.]example');
  });

  it('keeps code blocks literal but closes an unclosed fence so the report after it still renders', () => {
    const out = clean('Before\n```yaml\nallow: <Administrator>\n');
    expect(out).toBe('Before\n```yaml\nallow: <Administrator>\n```');
  });

  it('demotes the answer\'s top headings below the report\'s own', () => {
    expect(clean('# Title\n## Part\n### Detail')).toBe('### Title\n### Part\n### Detail');
    expect(clean('Title\n=====')).toBe('Title\n\\=====');
  });

  it('caps the length at a line boundary and says it cut', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `Line ${i} of the answer.`).join('\n');
    const out = sanitizeAnswer(long, 1_000);
    expect(out.cut).toBe(true);
    expect(out.markdown.length).toBeLessThanOrEqual(1_003);
    expect(out.markdown.endsWith('.\n\n…')).toBe(true);
  });
});
