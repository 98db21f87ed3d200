import { FAKE_BOT_TOKEN, type FakeDiscord } from '../../../src/fake-discord/index.js';

/** One request to the fake under /api/v10; the answer's status, headers and parsed JSON body (null for none). */
export async function call(fake: FakeDiscord, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.apiBase}/v10${path}`, {
    method, headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Limits high enough that a test's burst of writes is never held back (the rate-limit tests set their own). */
export const OPEN_LIMITS = { globalLimit: 100_000, defaultRoute: { limit: 1000, windowMs: 1000 }, routes: {
  'role-create': { limit: 1000, windowMs: 1000 }, 'role-write': { limit: 1000, windowMs: 1000 }, 'channel-name-topic': { limit: 1000, windowMs: 1000 },
  'overwrite': { limit: 1000, windowMs: 1000 }, 'member-roles': { limit: 1000, windowMs: 1000 }, 'emoji-create': { limit: 1000, windowMs: 1000 } } };
