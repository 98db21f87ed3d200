import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/discord/pacer.js';

describe('Pacer', () => {
  it('lets at most `limit` starts through in any window, in order', async () => {
    const pacer = new Pacer(3, 200);
    const started: [number, number][] = [];
    const t0 = Date.now();
    await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => pacer.acquire().then(() => started.push([i, Date.now() - t0]))));
    expect(started.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const times = started.map(([, t]) => t);
    for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(199);
    // Three windows of work: about 400 ms, not 7 x 200.
    expect(times[6]).toBeLessThan(2_000);
  });
});
