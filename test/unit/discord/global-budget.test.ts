import { describe, expect, it } from 'vitest';
import { GlobalBudget } from '../../../src/discord/global-budget.js';
import { busiest } from '../../helpers/windows.js';

/** Acquires for each entry ('c' critical, 'b' bulk) at once and records [index, ms since start] as each is let go. */
async function run(budget: GlobalBudget, kinds: string): Promise<[number, number][]> {
  const started: [number, number][] = [];
  const t0 = performance.now();
  await Promise.all([...kinds].map((k, i) => budget.acquire(k === 'b').then(() => started.push([i, performance.now() - t0]))));
  return started;
}

describe('GlobalBudget', () => {
  it('lets at most `limit` starts through in any window (sliding), in order within a tier', async () => {
    const started = await run(new GlobalBudget(3, 3, 200), 'ccccccc');
    expect(started.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const times = started.map(([, t]) => t);
    expect(busiest(times, 199)).toBeLessThanOrEqual(3);
    // Three windows of work: about 400 ms, not 7 x 200.
    expect(times[6]).toBeGreaterThanOrEqual(399);
    expect(times[6]).toBeLessThan(2_000);
  });

  it('keeps bulk requests to their share while a critical chain runs; the chain never waits behind bulk', async () => {
    const budget = new GlobalBudget(5, 3, 300);
    let endChain = () => {};
    budget.reserve(new Promise<void>((resolve) => (endChain = resolve)));
    // Six bulk requests queued first, then two critical ones: the critical pair goes at once, beside three bulk.
    const started = await run(budget, 'bbbbbbcc');
    endChain();
    const at = new Map(started);
    expect(at.get(6)!).toBeLessThan(50);
    expect(at.get(7)!).toBeLessThan(50);
    const firstWindow = started.filter(([, t]) => t < 50).map(([i]) => i).sort((a, b) => a - b);
    expect(firstWindow).toEqual([0, 1, 2, 6, 7]);
    // The other three bulk requests wait for the window to move on, still in order, still at most three at a time.
    expect(started.filter(([i]) => i < 6).map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(at.get(3)!).toBeGreaterThanOrEqual(299);
    expect(busiest(started.filter(([i]) => i < 6).map(([, t]) => t), 299)).toBeLessThanOrEqual(3);
    expect(busiest(started.map(([, t]) => t), 299)).toBeLessThanOrEqual(5);
  });

  it("counts bulk's share apart: critical requests already sent do not eat into it", async () => {
    // The demo guild's shape: the first round trip (critical) then the per-channel reads (bulk), all in one window.
    const budget = new GlobalBudget(5, 3, 300);
    budget.reserve(new Promise(() => {}));
    const started = await run(budget, 'ccbbb');
    expect(started.every(([, t]) => t < 50)).toBe(true);
  });

  it('lets bulk requests take the whole budget when no critical chain runs, and the freed share as soon as one ends', async () => {
    const alone = await run(new GlobalBudget(5, 3, 300), 'bbbbb');
    expect(alone.every(([, t]) => t < 50)).toBe(true);

    const budget = new GlobalBudget(5, 3, 1000);
    let endChain = () => {};
    budget.reserve(new Promise<void>((resolve) => (endChain = resolve)));
    const t0 = performance.now();
    const later: number[] = [];
    const pending = [0, 1, 2, 3, 4].map(() => budget.acquire(true).then(() => later.push(performance.now() - t0)));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(later).toHaveLength(3);
    endChain();
    await Promise.all(pending);
    // The last two went when the chain ended (~60 ms), not when the window moved on (1,000 ms).
    expect(Math.max(...later)).toBeLessThan(600);
  });

  it('holds bulk requests back while a critical one waits for room', async () => {
    const budget = new GlobalBudget(2, 2, 200);
    const started = await run(budget, 'ccbc');
    // Two critical fill the window; the third critical goes before the bulk one queued ahead of it.
    expect(started.map(([i]) => i)).toEqual([0, 1, 3, 2]);
  });

  it('sizes the budget for a global limit: a margin below it, a tenth kept from bulk, the window longer by the offset', () => {
    const sizes = (perSecond: number, offsetMs?: number) => {
      const b = GlobalBudget.forGlobalLimit(perSecond, offsetMs) as unknown as { limit: number; bulkLimit: number; windowMs: number };
      return [b.limit, b.bulkLimit, b.windowMs];
    };
    expect(sizes(50)).toEqual([48, 43, 1050]);
    expect(sizes(500, 5)).toEqual([480, 430, 1005]);
    expect(sizes(1, 0)).toEqual([1, 1, 1000]);
  });
});
