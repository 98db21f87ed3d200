import { describe, expect, it } from 'vitest';
import { logLine, oneLine, truncate } from '../../../src/text/escape.js';

describe('oneLine', () => {
  it('removes terminal sequences, bidi overrides and line breaks from a hostile name', () => {
    const name = 'gen\u001b[31mer\u001b]8;;https://evil.example\u0007al\u202e\n# admin\r\u2028x';
    expect(oneLine(name)).toBe('general # admin x');
  });
  it('keeps emoji joined by the zero-width joiner', () => {
    expect(oneLine('fam 👨\u200d👩\u200d👧')).toBe('fam 👨\u200d👩\u200d👧');
  });
  it('cuts a 100,000-character name', () => {
    const out = oneLine('x'.repeat(100_000), 100);
    expect(Array.from(out)).toHaveLength(100);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('logLine', () => {
  it('never lets outside text start or carry a workflow command', () => {
    const line = logLine('Unknown Guild\n::error file=x::owned\n::stop-commands::tok\n##[error]old');
    expect(line).not.toMatch(/\n/);
    expect(line).not.toContain('::');
    expect(line).not.toContain('##[');
  });
});

describe('truncate', () => {
  it('leaves short text alone and never splits a surrogate pair', () => {
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });
});
