import { describe, expect, it } from 'vitest';
import { LowerBoundTracker } from '../../../src/fake-discord/lower-bound.js';

const G = { limit: 50, windowMs: 1000 };
const B = { limit: 10, windowMs: 10_000 };

describe('LowerBoundTracker', () => {
  it('treats pages of two independent chains as two parallel chains, not one long one', () => {
    const t = new LowerBoundTracker(G, 10);
    for (const cursor of [null, 'a', 'b', '0', 'c', 'd']) t.record('members:1', B, 'members (1)', cursor);
    expect(t.compute()).toEqual({ ms: 30, detail: 'chain members (1): 3 sequential pages x 10 ms latency' });
  });

  it('takes the bucket windows when they dominate: 21 requests at 10 per 10 s need two more windows', () => {
    const t = new LowerBoundTracker(G, 5);
    for (let i = 0; i < 21; i++) t.record('members:1', B, null, null);
    expect(t.compute()).toEqual({ ms: 20_005, detail: 'bucket members:1: 21 requests at 10 per 10000 ms' });
  });

  it('takes the global window when many buckets share it', () => {
    const t = new LowerBoundTracker(G, 0);
    for (let i = 0; i < 101; i++) t.record(`roles:${i}`, B, null, null);
    expect(t.compute()).toEqual({ ms: 2000, detail: 'global: 101 requests at 50 per 1000 ms' });
  });

  it('counts a write that also spends a long bucket in both buckets but once globally', () => {
    const t = new LowerBoundTracker({ limit: 2, windowMs: 1000 }, 0);
    const name = { limit: 2, windowMs: 600_000 };
    for (let i = 0; i < 3; i++) {
      t.record('channel-write:1', { limit: 5, windowMs: 5000 }, null, null);
      t.recordExtra('channel-name-topic:1', name);
    }
    expect(t.compute()).toEqual({ ms: 600_000, detail: 'bucket channel-name-topic:1: 3 requests at 2 per 600000 ms' });
  });
});
