import { describe, expect, it } from 'vitest';
import { botNeeds } from '../../../src/cli/bot-needs.js';
import { COLLECTOR_NAMES } from '../../../src/collectors/index.js';
import { INVITE_HINT } from '../../../src/discord/errors.js';

describe('the hint for a server the bot cannot read', () => {
  it('names exactly the permissions an export needs (what invite-url asks for), and no Manage Roles', () => {
    const needs = botNeeds(COLLECTOR_NAMES);
    for (const p of needs.permissions) expect(INVITE_HINT).toContain(p.label);
    expect(INVITE_HINT).not.toContain('Manage Roles');
    expect(INVITE_HINT).toContain('Server Members intent');
  });
});
