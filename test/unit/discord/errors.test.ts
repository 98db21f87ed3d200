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
