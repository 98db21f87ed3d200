import { describe, expect, it } from 'vitest';
import type { APIGuild } from 'discord-api-types/v10';
import { startDemo } from '../../../src/pipeline/demo.js';

describe('startDemo({ raided: true })', () => {
  it('serves the raided demo guild, and the plain one without the option', async () => {
    for (const [raided, name] of [[true, 'raided lol'], [false, 'Pixel Harbor']] as const) {
      const demo = await startDemo({ raided });
      try {
        const res = await fetch(`${demo.apiBase}/v10/guilds/${demo.guildId}`, { headers: { Authorization: `Bot ${demo.token}` } });
        expect(((await res.json()) as APIGuild).name).toBe(name);
      } finally {
        await demo.close();
      }
    }
  });
});
