import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inertMentions, mdCell, mdCode, mdCodeCell, mdHeading, mdLinkText, mdText, oneLine, titleLine } from '../../../src/text/escape.js';

/** Pieces a hostile server member puts into a name: structure, HTML, links, mentions, invisible characters. */
const HOSTILE = [
  '\n', '\r\n', '\u2028', '\u0085', '#', '## ', '# ', '[', ']', '(', ')', '](https://evil.example)', '![x](https://evil.example/a.png)',
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '</details>', '<!--', '`', '```', '~~~', '|', '\\', '*', '_', '~~',
  '@everyone', '@here', '@octocat', '@org/team', '#123', 'https://evil.example', 'www.evil.example', 'a@b.example', '&#64;x', '&lt;',
  '\u202e', '\u2066', '\u200b', '\ufeff', '\u200e', '- ', '+ ', '1. ', '2) ', '> ', '---', '===', '    ', '$x$', 'Co-authored-by: E <e@x.example>',
  '\u001b[31m', '\u001b]8;;https://evil.example\u0007', ':', '/', '.', 'a', ' ', 'é', '👨\u200d👩\u200d👧',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join(''));
const runs = { numRuns: 400 };

/** Inverse of the Markdown escaping: what a reader sees once the text is rendered. */
function rendered(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&amp;/g, '&');
}

/** Characters that would act as Markdown/HTML if not preceded by an odd number of backslashes. */
function unescaped(md: string, chars: RegExp): string[] {
  const found: string[] = [];
  for (let i = 0; i < md.length; i++) {
    if (!chars.test(md[i])) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && md[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) found.push(md[i]);
  }
  return found;
}

/** Properties every inline Markdown kind keeps, whatever the input. */
function expectInert(md: string, input: string): void {
  expect(md).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  expect(unescaped(md, /[`*_[\]<>|$]/)).toEqual([]);
  expect(md).not.toMatch(/:\/\/|www\./i);
  expect(md).not.toMatch(/&(?!amp;)#?[A-Za-z0-9]+;/);
  // Nothing is lost: rendered, the text reads as the one-line name.
  expect(rendered(md)).toBe(oneLine(input, 100_000));
}

describe('Markdown escaping, one function per kind of sink', () => {
  it('mdText: inline-safe and never starts a block, wherever a sink places it', () => {
    fc.assert(fc.property(hostile, (name) => {
      const md = mdText(name, 100_000);
      expectInert(md, name);
      expect(md).not.toMatch(/^([#+\-=~]|\d{1,9}[.)])/);
    }), runs);
  });

  it('mdCell: one cell whatever the name (no unescaped pipe), a placeholder when blank', () => {
    fc.assert(fc.property(hostile, (name) => {
      const md = mdCell(name, '-', 100_000);
      if (oneLine(name) === '') expect(md).toBe('-');
      else expectInert(md, name);
    }), runs);
    expect(mdCell(null)).toBe('-');
    expect(mdCell(0)).toBe('0');
  });

  it('mdHeading: inline-safe and no trailing "#" for Markdown to drop', () => {
    fc.assert(fc.property(hostile, (name) => {
      const md = mdHeading(name, '(unnamed)', 100_000);
      if (oneLine(name) === '') { expect(md).toBe('(unnamed)'); return; }
      expectInert(md, name);
      // A trailing "#" preceded by an even number of backslashes would be a closing sequence.
      expect(md).not.toMatch(/(^|[^\\])(\\\\)*#$/);
    }), runs);
    expect(mdHeading('Guild ##', 'x')).toBe('Guild \\#\\#');
  });

  it('mdLinkText: cannot close the brackets or nest a link', () => {
    fc.assert(fc.property(hostile, (name) => expectInert(mdLinkText(name, 100_000), name)), runs);
  });

  it('mdCode: the text verbatim inside a fence longer than any backtick run in it', () => {
    fc.assert(fc.property(hostile, (name) => {
      const md = mdCode(name, 100_000);
      const flat = oneLine(name, 100_000);
      if (!flat) { expect(md).toBe('` `'); return; }
      const fence = /^`+/.exec(md)![0];
      expect(md.endsWith(fence)).toBe(true);
      const inner = md.slice(fence.length, md.length - fence.length);
      expect(inner.includes(fence)).toBe(false);
      expect(inner.length === flat.length ? inner : inner.slice(1, -1)).toBe(flat);
    }), runs);
  });

  it('mdCodeCell: a code span with no pipe in it, or an escaped cell', () => {
    fc.assert(fc.property(hostile, (name) => {
      const md = mdCodeCell(name, 100_000);
      if (md.startsWith('`')) expect(md).not.toContain('|');
      else expect(unescaped(md, /\|/)).toEqual([]);
    }), runs);
    expect(mdCodeCell('no_automod_rules')).toBe('`no_automod_rules`');
    expect(mdCodeCell('a|b')).toBe('a\\|b');
  });

  it('turns the known attacks into plain text', () => {
    expect(mdText('# Admins\n## [click](https://evil.example) <img src=x> </details>')).toBe(
      '\\# Admins ## \\[click\\](https:\\/\\/evil.example) \\<img src=x\\> \\</details\\>',
    );
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('1. first')).toBe('1\\. first');
    expect(mdCell('a | b')).toBe('a \\| b');
    expect(mdText('&#64;octocat &amp; Tom & Jerry')).toBe('&amp;#64;octocat &amp;amp; Tom & Jerry');
    expect(mdText('visit www.evil.example')).toBe('visit www\\.evil.example');
    expect(mdCode('a `b` c')).toBe('``a `b` c``');
    expect(mdCode('`x')).toBe('`` `x ``');
  });

  it('keeps ordinary names readable', () => {
    expect(mdText('mod-logs v1.2 (EU) #general')).toBe('mod-logs v1.2 (EU) #general');
    expect(mdCell('Café ☕ 👨\u200d👩\u200d👧')).toBe('Café ☕ 👨\u200d👩\u200d👧');
  });

  it('cuts 100,000 characters to the limit, quickly', () => {
    const huge = '<script>'.repeat(12_500);
    const start = performance.now();
    for (const md of [mdText(huge), mdCell(huge), mdHeading(huge, '-'), mdLinkText(huge), mdCode(huge)]) {
      expect(md.length).toBeLessThan(6_000);
    }
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('text GitHub posts (titles, bodies, comments, commit messages)', () => {
  const mention = /(^|[^A-Za-z0-9_`])@[A-Za-z0-9_-]|#\d/;
  it('titleLine: one line, no mention that notifies, no issue reference', () => {
    fc.assert(fc.property(hostile, (name) => {
      const title = titleLine(name);
      expect(title).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
      expect(title).not.toMatch(mention);
      expect(title.replace(/\u200b/g, '')).toBe(oneLine(name));
    }), runs);
  });

  it('inertMentions leaves no mention or reference in Markdown text, and is idempotent', () => {
    fc.assert(fc.property(hostile, (name) => {
      const body = inertMentions(mdText(name));
      expect(body).not.toMatch(mention);
      expect(inertMentions(body)).toBe(body);
    }), runs);
    expect(inertMentions('@everyone @Admins #12 a@b')).toBe('@\u200beveryone @\u200bAdmins #\u200b12 a@\u200bb');
  });
});
