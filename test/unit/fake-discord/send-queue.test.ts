import { describe, expect, it } from 'vitest';
import { SendQueue } from '../../../src/fake-discord/send-queue.js';

describe('SendQueue', () => {
  it('runs every send in due order and never before it is due', async () => {
    const q = new SendQueue();
    const start = performance.now();
    const ran: { name: string; late: number }[] = [];
    const done = new Promise<void>((resolve) => {
      const add = (name: string, inMs: number) => {
        const due = start + inMs;
        q.at(due, () => {
          ran.push({ name, late: performance.now() - due });
          if (ran.length === 4) resolve();
        });
      };
      add('c', 30);
      add('a', 5);
      add('d', 30.5);
      add('b', 12);
    });
    await done;
    expect(ran.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
    for (const r of ran) expect(r.late).toBeGreaterThanOrEqual(0);
  });

  it('runs a send whose time has passed at the next turn', async () => {
    const q = new SendQueue();
    let ran = false;
    q.at(performance.now() - 5, () => (ran = true));
    expect(ran).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(true);
  });

  it('drops pending sends on clear', async () => {
    const q = new SendQueue();
    let ran = false;
    q.at(performance.now() + 10, () => (ran = true));
    q.clear();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toBe(false);
  });
});
