import { describe, expect, it } from 'vitest';
import { emptyExport } from '../../../src/schema/empty.js';
import { renderSnapshotMarkdown } from '../../../src/writers/markdown.js';
import {
  BOT_ADDER, EVENT_HOST, fixtureExport, HOOK_MAKER, INVITE_CODES, INVITER, MEMBER_NAMES, OVERWRITE_MEMBER, OWNER, sf, shuffled, WEBHOOK_TOKEN,
} from './fixture.js';

describe('renderSnapshotMarkdown', () => {
  it('is byte-identical across calls and for shuffled input', () => {
    const first = renderSnapshotMarkdown(fixtureExport());
    expect(renderSnapshotMarkdown(fixtureExport())).toBe(first);
    expect(renderSnapshotMarkdown(shuffled(fixtureExport()))).toBe(first);
  });

  it('does not change when only volatile values change (run time, presence, a few members, activity)', () => {
    const first = renderSnapshotMarkdown(fixtureExport());
    const later = fixtureExport();
    later.meta.exported_at = '2026-12-25T00:00:00.000Z';
    later.meta.duration_ms = 98765;
    later.server!.presence_count = 999;
    later.server!.member_count = 1441;
    later.roles[0].member_count = 1441;
    later.channels[1].last_message_id = sf(7000);
    later.events[0].user_count = 99;
    later.invites[0].uses = 400;
    expect(renderSnapshotMarkdown(later)).toBe(first);
  });

  it('shows a real configuration change', () => {
    const changed = fixtureExport();
    changed.server!.verification_level = 3;
    expect(renderSnapshotMarkdown(changed)).not.toBe(renderSnapshotMarkdown(fixtureExport()));
    expect(renderSnapshotMarkdown(changed)).toContain('| Verification level | High (member 10+ minutes) |');
  });

  it('never contains member names or ids, invite codes, webhook tokens or URLs', () => {
    const exp = fixtureExport();
    Object.assign(exp.webhooks[0], { token: WEBHOOK_TOKEN, url: `https://discord.com/api/webhooks/${sf(80)}/${WEBHOOK_TOKEN}` });
    const text = renderSnapshotMarkdown(exp);
    const forbidden = [OWNER, INVITER, HOOK_MAKER, BOT_ADDER, EVENT_HOST, OVERWRITE_MEMBER, sf(800), sf(801), ...MEMBER_NAMES, ...INVITE_CODES, WEBHOOK_TOKEN, 'testvanity', 'helper-account'];
    for (const secret of forbidden) expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/discord(app)?\.com\/api\/webhooks/);
    expect(text).not.toMatch(/discord\.gg\//);
  });

  it('renders each section a reviewer needs', () => {
    const text = renderSnapshotMarkdown(fixtureExport());
    for (const heading of [
      'Server settings', 'Health', 'Roles', 'Channels', 'Private channels', 'Threads', 'Forums', 'Voice and stage', 'AutoMod rules',
      'Invites', 'Webhooks', 'Bots', 'Emojis', 'Stickers', 'Scheduled events', 'Integrations', 'Welcome screen', 'Onboarding', 'Bans',
      'Collector errors',
    ]) expect(text).toContain(`\n## ${heading}\n`);
    expect(text).toContain('| Members (approximate) | ~1,400 |');
    expect(text).toContain('| 3 | Admin | #003300 | 2 | - | Administrator |');
    expect(text).toContain('| #staff | text | - | off | no | @Moderators +ViewChannel; @everyone -ViewChannel; 1 member overwrite |');
    expect(text).toContain('| #general | text | Say hi and \\| be nice | 5s | no | - |');
    expect(text).toContain('| #staff | @Admin, @Moderators | @Moderators | @Admin | 1 |');
    expect(text).toContain('| #general | 2 | 1 | 1 | 0 |');
    expect(text).toContain('| Bot | Roles | Permissions |');
    expect(text).toContain('| HelperBot | @Helper Bot | SendMessages |');
    expect(text).not.toContain('Added by');
    // Event times read as a date and a UTC time, not raw ISO with milliseconds.
    expect(text).toContain('| Game night | scheduled | voice | #lobby | 2026-12-01 20:00 UTC | - |');
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(text).toContain('| GitHub feed | #general | incoming |');
    expect(text).toContain('| bans | failed | 50013 | Missing Permissions | Give the bot Ban Members |');
    expect(text).toMatch(/\n## Health\n\n\*\*Score: 72\/100\*\*/);
    expect(text).not.toContain('321'); // presence count
  });

  it('lists roles from the top down and channels by position under their category', () => {
    const text = renderSnapshotMarkdown(shuffled(fixtureExport()));
    const order = (names: string[]) => names.map((n) => text.indexOf(n));
    const roles = order(['| 3 | Admin', '| 2 | Moderators', '| 1 | Helper Bot', '| 0 | @everyone']);
    expect(roles).toEqual([...roles].sort((a, b) => a - b));
    const channels = order(['### (no category)', '| #lobby | voice', '### Text', '| #general | text', '| #staff | text', '| #ideas | forum']);
    expect(channels).toEqual([...channels].sort((a, b) => a - b));
  });

  it('renders an empty export without throwing, ending in one newline', () => {
    const text = renderSnapshotMarkdown(emptyExport(sf(1), { members: 'none' }));
    expect(text).toContain('## Server settings\n\n_Not collected: the server settings are missing from the export._');
    expect(text).toContain('_No roles collected._');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });
});
