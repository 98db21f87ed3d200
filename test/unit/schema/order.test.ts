import { describe, expect, it } from 'vitest';
import { compareIds, compareText } from '../../../src/schema/order.js';
import { formatApproxCount, formatCount } from '../../../src/writers/round.js';

describe('machine-independent ordering', () => {
  it('orders text by code unit, not by locale (upper case first, accents after ASCII)', () => {
    expect(['b', 'B', 'a', 'é', 'A', 'e'].sort(compareText)).toEqual(['A', 'B', 'a', 'b', 'e', 'é']);
    expect(compareText('same', 'same')).toBe(0);
  });

  it('orders snowflakes numerically even when their lengths differ, other ids as text', () => {
    const ids = ['1000000000000000000', '99999999999999999', '175928847299117063'];
    expect([...ids].sort(compareIds)).toEqual(['99999999999999999', '175928847299117063', '1000000000000000000']);
    // A plain string sort gets that wrong, which is why ids never go through it.
    expect([...ids].sort()).toEqual(['1000000000000000000', '175928847299117063', '99999999999999999']);
    expect(['roles.b', 'roles.a', '…'].sort(compareIds)).toEqual(['roles.a', 'roles.b', '…']);
  });
});

describe('formatCount', () => {
  it('groups thousands as en-US does, without ICU', () => {
    for (const n of [0, 7, 999, 1000, 1437, 99_999, 100_000, 1_234_567, 1_000_000_000, -1234]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('shows a value that is not a whole number as it is', () => {
    expect(formatCount(1.5)).toBe('1.5');
    expect(formatCount(Number.NaN)).toBe('NaN');
  });

  it('keeps formatApproxCount rounding volatile counts to two figures', () => {
    expect(formatApproxCount(1437)).toBe('~1,400');
    expect(formatApproxCount(99)).toBe('99');
    expect(formatApproxCount(1_000_000)).toBe('1,000,000');
    expect(formatApproxCount(null)).toBe('unknown');
  });
});
