import { describe, expect, it } from 'vitest';
import { readList, readObject, shapeProblem } from '../../../src/collectors/payload.js';
import { classifyError, PayloadError } from '../../../src/discord/errors.js';

const MEMBER = { 'user.id': 'string', roles: 'array' } as const;

describe('answers are checked where they enter', () => {
  it('names the outermost missing or mistyped field, whatever the record is', () => {
    const cases: [unknown, string | null][] = [
      [{ user: { id: '1' }, roles: [] }, null],
      [{ roles: [] }, 'no `user`'],
      [{ user: null, roles: [] }, 'no `user`'],
      [{ user: 'x', roles: [] }, '`user` is not an object'],
      [{ user: [], roles: [] }, '`user` is not an object'],
      [{ user: {}, roles: [] }, 'no `user.id`'],
      [{ user: { id: 5 }, roles: [] }, '`user.id` is not a string'],
      [{ user: { id: '1' }, roles: {} }, '`roles` is not a list'],
      [null, 'not an object'],
      ['{"user":1}', 'not an object'],
      [[], 'not an object'],
    ];
    for (const [record, problem] of cases) expect([record, shapeProblem(record, MEMBER)]).toEqual([record, problem]);
    expect(shapeProblem({ permissions: '8' }, { permissions: 'bits' })).toBeNull();
    expect(shapeProblem({ permissions: 8 }, { permissions: 'bits' })).toBeNull();
    for (const bad of ['-8', '8n', '1e3', '', ' 8', 1.5, -1]) expect(shapeProblem({ permissions: bad }, { permissions: 'bits' })).toBe('`permissions` is not a permission bitfield');
  });

  it('a list keeps the readable records and counts the rest by reason; a non-list is a named error', () => {
    const { items, skipped } = readList('/guilds/123456789012345678/members', [{ user: { id: '1' }, roles: [] }, { roles: [] }, { roles: [] }, 7], MEMBER);
    expect(items).toHaveLength(1);
    expect(skipped.total).toBe(3);
    expect(skipped.notice('member')?.message).toBe("3 member record(s) in Discord's answer to GET /guilds/{id}/members could not be read and were skipped (no `user`: 2; not an object: 1); the others were exported.");
    expect(() => readList('/guilds/123456789012345678/invites', { message: 'nope' }, {})).toThrow("Discord's answer to GET /guilds/{id}/invites is not a list.");
    expect(() => readList('/x', { items: 'no' }, {}, 'items')).toThrow("Discord's answer to GET /x cannot be read: `items` is not a list.");
    expect(() => readList('/x', {}, {}, 'items')).toThrow("Discord's answer to GET /x has no `items`.");
  });

  it('an object missing a needed field is a MISSING_FIELD error, never INTERNAL', () => {
    let caught: unknown;
    try {
      readObject('/guilds/123456789012345678', { id: '1' }, { roles: 'array' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PayloadError);
    const c = classifyError(caught);
    expect(c).toMatchObject({ code: 'MISSING_FIELD', message: "Discord's answer to GET /guilds/{id} has no `roles`." });
    expect(c.hint).toMatch(/--api-base/);
  });
});
