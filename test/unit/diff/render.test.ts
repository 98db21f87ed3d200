import { describe, expect, it } from 'vitest';
import { diffExports, renderDiffCommitBody, renderDiffMarkdown, renderDiffText } from '../../../src/diff/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { channel, guild, role } from '../permissions/guild-fixture.js';

function manyChanges(): [GuildExport, GuildExport] {
  const before = guild(['ViewChannel'], [role('200000000000000001', 'Mods', [])]);
  const after = guild(['ViewChannel'], [role('200000000000000001', 'Mods', ['Administrator'])]);
  for (let i = 0; i < 60; i++) after.channels.push(channel(`4000000000000000${10 + i}`, `room-${i}`));
  return [before, after];
}

describe('renderDiffMarkdown', () => {
  it('says so when nothing changed', () => {
    const empty = diffExports(guild([]), guild([]));
    expect(renderDiffMarkdown(empty)).toBe('No configuration changes.');
    expect(renderDiffCommitBody(empty)).toBe('No configuration changes.');
  });

  it('puts escalations in their own section before the other changes', () => {
    const text = renderDiffMarkdown(diffExports(...manyChanges()));
    const lines = text.split('\n');
    expect(lines[0]).toBe('**61 configuration changes (1 critical, 60 low), 1 of them an escalation**');
    expect(lines.indexOf('#### Escalations')).toBeLessThan(lines.indexOf('#### Other changes'));
    expect(text).toContain('- `critical` role **Mods**: gained Administrator');
    expect(text).toContain('- `low` channel **#room-0**: added');
  });

  it('escapes Markdown and defuses @mentions in names taken from Discord', () => {
    const before = guild([], [role('200000000000000001', 'plain', [])]);
    const after = guild([], [role('200000000000000001', '*x* [link](http://e.x) <b> @team |', [])]);
    const text = renderDiffMarkdown(diffExports(before, after));
    expect(text).toContain('\\*x\\* \\[link\\](http:\\/\\/e.x) \\<b\\> @\u200bteam \\|');
    expect(text).not.toMatch(/[^\\]\[link/);
  });

  it('keeps within maxLines, cutting between changes and saying how many were left out', () => {
    const text = renderDiffMarkdown(diffExports(...manyChanges()), { maxLines: 12 });
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines[lines.length - 1]).toMatch(/^_\.\.\.and \d+ more changes not shown\._$/);
    // Never ends on a bare heading: the last kept line before the notice is a change.
    expect(lines[lines.length - 3]).toMatch(/^- `/);
  });

  it('is byte-stable for the same inputs', () => {
    const [a, b] = manyChanges();
    expect(renderDiffMarkdown(diffExports(a, b))).toBe(renderDiffMarkdown(diffExports(structuredClone(a), structuredClone(b))));
  });
});

describe('renderDiffCommitBody', () => {
  it('is plain text, escalations marked with "!", capped at 50 lines by default', () => {
    const body = renderDiffCommitBody(diffExports(...manyChanges()));
    const lines = body.split('\n');
    expect(lines[0]).toBe('61 configuration changes (1 critical, 60 low), 1 of them an escalation');
    expect(lines[2]).toBe('! [critical] role Mods: gained Administrator');
    expect(lines.length).toBeLessThanOrEqual(50);
    expect(lines[lines.length - 1]).toMatch(/^\.\.\. and \d+ more/);
    expect(body).not.toContain('**');
  });

  it('shows everything when it fits', () => {
    const before = guild(['ViewChannel']);
    const after = guild(['ViewChannel', 'SendMessages']);
    after.roles[0].permissions = bitsOf(['ViewChannel', 'SendMessages']).toString();
    expect(renderDiffCommitBody(diffExports(before, after), 10)).toBe(
      '1 configuration change (1 medium), not an escalation\n\n- [medium] role @\u200beveryone: gained SendMessages',
    );
  });
});

describe('countLine', () => {
  it('counts changes by severity in the bracket and escalations apart, each number naming what it counts', () => {
    const before = guild(['ViewChannel'], [role('200000000000000001', 'Mods', []), role('200000000000000002', 'Helpers', [])]);
    const after = guild(['ViewChannel'], [role('200000000000000001', 'Mods', ['Administrator']), role('200000000000000002', 'Helpers', ['BanMembers'])]);
    const first = renderDiffCommitBody(diffExports(before, after)).split('\n')[0];
    expect(first).toBe('2 configuration changes (1 critical, 1 high), all 2 escalations');
    after.channels.push(channel('400000000000000010', 'room'));
    const mixed = diffExports(before, after);
    const bracket = /\(([^)]*)\)/.exec(renderDiffCommitBody(mixed))![1]!;
    // The bracket's numbers add up to the number of changes: they count changes, not escalations.
    expect(bracket.split(', ').reduce((n, part) => n + Number.parseInt(part, 10), 0)).toBe(mixed.changes.length);
    expect(renderDiffCommitBody(mixed).split('\n')[0]).toBe('3 configuration changes (1 critical, 1 high, 1 low), 2 of them escalations');
  });
});

describe('renderDiffText', () => {
  it('is plain text for a terminal: no Markdown, escalations under their own heading first, nothing cut', () => {
    const text = renderDiffText(diffExports(...manyChanges()));
    const lines = text.split('\n');
    expect(lines[0]).toBe('61 configuration changes (1 critical, 60 low), 1 of them an escalation');
    expect(lines).toContain('! [critical] role Mods: gained Administrator');
    expect(lines.indexOf('Escalations (access widened or protection lowered):')).toBeLessThan(lines.indexOf('Other changes:'));
    expect(lines.filter((l) => l.startsWith('- [low] channel #room-'))).toHaveLength(60);
    expect(text).not.toMatch(/\*\*|`|^#/m);
  });

  it('says so when nothing changed', () => {
    expect(renderDiffText(diffExports(guild([]), guild([])))).toBe('No configuration changes.');
  });
});
