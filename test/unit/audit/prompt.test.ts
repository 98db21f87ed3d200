import { describe, expect, it } from 'vitest';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { buildAuditPrompt, runAudit } from '../../../src/audit/index.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { base, channel, GUILD, overwrite, role, sf, wellRun } from './fixtures.js';

/** A 100,000-member guild with 1,000 channels, 250 roles, overwrites everywhere and many invites. */
function hugeGuild(): GuildExport {
  const exp = base({ member_count: 100_000, presence_count: 9000 });
  exp.meta.scope.members = 'counts';
  exp.member_stats = { total: 100_000, bots: 40, humans: 99_960, role_counts: {}, without_roles: 30_000, pending: 12, timed_out: 3 };
  for (let i = 0; i < 250; i++) {
    exp.roles.push(role({ name: `Role number ${i}`, position: i + 1, member_count: i * 7 }, ['ViewChannel', 'SendMessages', 'AttachFiles', 'EmbedLinks', 'AddReactions', 'Connect', 'Speak', i % 25 === 0 ? 'Administrator' : 'ManageMessages']));
  }
  const categories = Array.from({ length: 50 }, (_, i) => channel({ name: `Category ${i}`, type_name: 'category', position: i }));
  exp.channels.push(...categories);
  for (let i = 0; i < 950; i++) {
    const ows = [overwrite(GUILD, [], ['ViewChannel']), overwrite(exp.roles[1 + (i % 250)].id, ['ViewChannel', 'SendMessages'], ['MentionEveryone']),
      overwrite(exp.roles[1 + ((i * 7) % 250)].id, ['ManageMessages'], []), overwrite(sf(), ['ViewChannel'], [], 'member')];
    exp.channels.push(channel({ name: `channel-${i}-with-a-longish-name`, category: categories[i % 50].id, position: i, last_message_id: sf(i % 365), permission_overwrites: ows }));
  }
  for (let i = 0; i < 300; i++) {
    exp.invites.push({ code: `INV${i}xyz`, uses: i, max_uses: 0, max_age: i % 3 ? 0 : 86400, temporary: false, created_by: `1000000000000${10000 + i}`,
      channel: exp.channels[60].id, created_at: null, expires_at: i % 3 ? null : '2026-06-02T00:00:00.000Z' });
  }
  for (let i = 0; i < 40; i++) {
    exp.bots.push({ id: `90000000000000${1000 + i}`, name: `Bot ${i}`, permissions: '8', permission_names: ['Administrator'], roles: [], managed_role: null, added_by: null, added_at: null });
    exp.automod.push({ id: sf(), name: `Rule ${i}`, trigger: 'keyword', trigger_metadata: { keyword_filter: ['a', 'b'] }, actions: [{ type: 'block_message', metadata: {} }], enabled: i % 2 === 0, event_type: 1, exempt_roles: [], exempt_channels: [] });
  }
  return exp;
}

describe('audit prompt', () => {
  it('gets its plurals right and never says "n/a/100"', async () => {
    const exp = wellRun();
    exp.automod = [{ ...exp.automod[0]!, exempt_roles: [exp.roles[1]!.id], exempt_channels: [], trigger_metadata: { keyword_filter: ['x'] } }];
    const { prompt } = await buildAuditPrompt(exp, runAudit(exp));
    expect(prompt).toContain('exempt 1 role / 0 channels');
    expect(prompt).toContain('(1 keyword)');
    expect(prompt).not.toMatch(/\b1 (roles|channels|bots|invites|keywords|boosts)\b/);
    const fatal = base();
    fatal.meta.fatal = { message: 'Discord rejected the bot token.', hint: 'Check DISCORD_TOKEN.' };
    const failed = await buildAuditPrompt(fatal, runAudit(fatal));
    expect(failed.prompt).toContain('(score n/a: no check was conclusive)');
    expect(failed.prompt).not.toContain('n/a/100');
    // The message's own full stop is not doubled.
    expect(failed.prompt).toContain('THE EXPORT FAILED: Discord rejected the bot token. Nothing was collected');
    expect(failed.prompt).not.toMatch(/[^.]\.\.(\s|$)/);
  });

  it('a small guild fits whole, with role, facts, findings, questions and answer format', async () => {
    const exp = wellRun();
    exp.server!.mfa_level = 0;
    const { prompt, tokens, cut } = await buildAuditPrompt(exp, runAudit(exp));
    expect(cut).toEqual([]);
    expect(tokens).toBe(countTokens(prompt));
    for (const heading of ['## Your role and task', '## Server settings', '## Failing checks', '## Roles', '## Channel tree', '## AutoMod rules', '## Invites', '## Bots', '## Questions to answer', '## Answer format']) {
      expect(prompt).toContain(heading);
    }
    expect(prompt).toContain('[high] mod_2fa_not_required');
    expect(prompt).toContain('#mod-log (text, last message');
    expect(prompt).toMatch(/priority order/);
  });

  it('a 100,000-member, 1,000-channel guild fits the default budget and says what was cut', async () => {
    const exp = hugeGuild();
    const started = Date.now();
    const { prompt, tokens, cut } = await buildAuditPrompt(exp, runAudit(exp));
    expect(tokens).toBeLessThanOrEqual(12_000);
    expect(countTokens(prompt)).toBe(tokens);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.join('; ')).toMatch(/channel permission overwrites/);
    expect(prompt).toMatch(/stale_channels: .*\+\d{3} more/);
    expect(prompt).toContain('To fit the token budget, this prompt leaves out:');
    // The essentials survive every cut.
    expect(prompt).toContain('## Failing checks');
    expect(prompt).toContain('## Answer format');
    expect(prompt).toContain('Verification level:');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('honours a smaller budget', async () => {
    const exp = hugeGuild();
    const { tokens, cut } = await buildAuditPrompt(exp, runAudit(exp), { budgetTokens: 3000 });
    expect(tokens).toBeLessThanOrEqual(3000);
    expect(cut.some((c) => /listed 20 of|only counted/.test(c))).toBe(true);
  });

  it('contains no invite codes, no member identities and no owner or inviter ids', async () => {
    const exp = hugeGuild();
    exp.members = [{ id: '100000000000000321', name: 'alice_secret', display_name: 'Alice S', nick: 'ally', roles: [], joined_at: null, bot: false, pending: false, premium_since: null, communication_disabled_until: null }];
    exp.server!.vanity_url_code = 'myvanity';
    const { prompt } = await buildAuditPrompt(exp, runAudit(exp), { budgetTokens: 200_000 });
    expect(prompt).not.toMatch(/INV\d+xyz/);
    expect(prompt).not.toContain('myvanity');
    expect(prompt).not.toContain('alice');
    expect(prompt).not.toContain(exp.server!.owner);
    expect(prompt).not.toContain('100000000000010'); // inviter ids
    expect(prompt).toMatch(/300 invites: 200 permanent/);
    expect(prompt).toContain('1 member overwrite)');
  });
});
