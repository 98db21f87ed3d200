import { describe, expect, it } from 'vitest';
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import { classifyError, ExportNotice, TokenRejectedError } from '../../../src/discord/errors.js';

const request = { body: undefined, files: undefined };
const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'GET', 'http://127.0.0.1:1/api/v10/guilds/123456789012345678/members', request);

// Each failure a collector can meet becomes one record with what Discord said and what to do.
describe('classifyError', () => {
  it.each([
    ['401', apiError(401, 0, '401: Unauthorized'), { http_status: 401, tokenRejected: true }, /DISCORD_TOKEN/],
    ['a request queued before the 401', new Error('Expected token to be set for this request, but none was present'), { http_status: 401, tokenRejected: true }, /Reset Token/],
    ['remembered 401', new TokenRejectedError(), { code: 0, tokenRejected: true }, /DISCORD_TOKEN/],
    ['403 missing access on members', apiError(403, 50001, 'Missing Access'), { code: 50001, retryable: false }, /Server Members Intent/],
    ['404 unknown guild', apiError(404, 10004, 'Unknown Guild'), { code: 10004 }, /invite the bot/],
    ['5xx', new HTTPError(503, 'Service Unavailable', 'GET', 'http://x/api/v10/guilds/1', request), { code: 'HTTP_503', retryable: true }, /temporary/],
    ['cut-short JSON', new SyntaxError('Unexpected end of JSON input'), { code: 'INVALID_JSON', retryable: true }, /run again/i],
    ['timeout', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), { code: 'TIMEOUT', retryable: true }, /Run again/],
    ['reset', Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }), { code: 'NETWORK', retryable: true }, /network/],
    ['a notice', new ExportNotice('3 channels hidden', 'Give the bot ViewChannel.', 50001, 403), { code: 50001, http_status: 403 }, /ViewChannel/],
  ])('%s', (_name, error, expected, hint) => {
    const c = classifyError(error, { intents: ['GuildMembers'], permissions: [] });
    expect(c).toMatchObject(expected);
    expect(c.hint).toMatch(hint);
    expect(c.message.length).toBeGreaterThan(5);
  });

  it('names the permission a 403 50013 needs', () => {
    const c = classifyError(apiError(403, 50013, 'Missing Permissions'), { permissions: ['ManageGuild'] });
    expect(c.hint).toContain('ManageGuild');
    expect(c.retryable).toBe(false);
  });
});

// Only Discord's "Unknown <thing>" codes (10001-10999) say an entity is missing; any other 404 is a missing route.
describe('a 404: a missing entity or a route the server does not offer', () => {
  const at = (raw: unknown, code: unknown) =>
    new DiscordAPIError(raw as never, code as never, 404, 'GET', 'http://127.0.0.1:1/api/v10/channels/123456789012345678/threads/archived/public', request);

  it.each([
    ['Unknown Channel (10003)', 10003],
    ['Unknown Member (10007)', 10007],
  ])('%s keeps "deleted or changed while the export ran"', (_name, code) => {
    const c = classifyError(at({ message: 'Unknown', code }, code));
    expect(c.code).toBe(code);
    expect(c.message).toMatch(/deleted or changed/);
  });

  it.each([
    ['a code of its own', { message: 'Endpoint not found', code: 404 }, 404, '"Endpoint not found" (code 404)'],
    ['Discord\'s code 0', { message: '404: Not Found', code: 0 }, 0, '"404: Not Found" (code 0)'],
    ['no code', { message: 'Not Found' }, undefined, '"Not Found", without an error code'],
    ['an HTML page', new TextEncoder().encode('<html><body>Not Found</body></html>').buffer, undefined, 'an HTML page'],
    ['an empty body', new ArrayBuffer(0), undefined, 'an empty body'],
  ])('%s: not offered, the route named with ids as {id}', (_name, raw, code, said) => {
    const c = classifyError(at(raw, code));
    expect(c.code).toBe('NOT_OFFERED');
    expect(c.message).toBe(`This server does not offer GET /channels/{id}/threads/archived/public (404 without a Discord error code: it answered ${said}); a Discord-compatible server may not implement it.`);
    expect(c.hint).not.toMatch(/deleted|invite/);
  });
});
