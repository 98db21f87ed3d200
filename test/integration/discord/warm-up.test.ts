import { describe, expect, it } from 'vitest';
import diagnostics from 'node:diagnostics_channel';
import { warmHttpClient } from '../../../src/discord/warm-up.js';

interface Sent { request: { origin: string; path: string; headers: string | string[] } }

// The warm-up runs the real client (@discordjs/rest, makeRequest, undici) against a loopback server of its own.
describe('the HTTP client warm-up', () => {
  it('sends its six requests to its own loopback server with its own dummy token, once per process', async () => {
    const sent: Sent['request'][] = [];
    const onSend = (message: unknown) => sent.push((message as Sent).request);
    diagnostics.subscribe('undici:client:sendHeaders', onSend);
    try {
      await warmHttpClient();
      await warmHttpClient();
    } finally {
      diagnostics.unsubscribe('undici:client:sendHeaders', onSend);
    }
    expect(sent).toHaveLength(6);
    for (const request of sent) {
      expect(request.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(request.path).toMatch(/^\/v10\/channels\/\d{18}\/threads\/archived\/public$/);
      const headers = Array.isArray(request.headers) ? request.headers.join('\n') : request.headers;
      expect(headers).toContain('Bot MTAwMDAwMDAwMDAwMDAwMDAw.warm-up.not-a-real-token');
    }
  });
});
