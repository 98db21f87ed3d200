import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { isTTY, columns: 100, write: (t: string) => ((out += t), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

describe('progress display', () => {
  it('prints plain lines when not on a terminal', () => {
    const { stream, text } = fakeStream(false);
    const p = createProgress(stream, 2);
    p.onEvent({ type: 'start', collector: 'roles' });
    p.onEvent({ type: 'done', collector: 'roles', status: 'ok', count: 12 });
    p.onEvent({ type: 'done', collector: 'invites', status: 'failed', count: 0 });
    p.finish();
    expect(text()).toBe('ok      roles (12)\nFAILED  invites (0)\n');
    expect(text()).not.toContain('\x1b');
  });

  it('redraws one line on a terminal with collectors and members fetched / total', () => {
    const { stream, text } = fakeStream(true);
    const p = createProgress(stream, 3);
    p.onEvent({ type: 'start', collector: 'members' });
    p.onEvent({ type: 'members', fetched: 1000, total: 1400 });
    p.onEvent({ type: 'done', collector: 'members', status: 'ok', count: 1400 });
    p.finish();
    expect(text()).toContain('\r\x1b[2Kcollectors 1/3');
    expect(text()).toContain('members 1,000 / ~1,400');
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
    expect(text()).not.toContain('\n');
  });
});
