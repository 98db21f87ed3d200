import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { endSentence } from '../../../src/text/sentence.js';

describe('endSentence', () => {
  it('adds a full stop only when the text has none of its own', () => {
    expect(endSentence('Discord rejected the bot token (401 Unauthorized)')).toBe('Discord rejected the bot token (401 Unauthorized).');
    expect(endSentence('Discord rejected the bot token (401 Unauthorized).')).toBe('Discord rejected the bot token (401 Unauthorized).');
    expect(endSentence('It said "stop."')).toBe('It said "stop."');
    expect(endSentence('Really? ')).toBe('Really?');
  });

  it('never ends in two full stops, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (text) => !endSentence(text).endsWith('..') || text.trimEnd().endsWith('..')));
  });
});
