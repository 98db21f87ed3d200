import { describe, expect, it } from 'vitest';
import { applyAuditToSummary, renderHealthMarkdown, replaceHealthSection, runAudit } from '../../../src/audit/index.js';
import { channel, failCollector, role, sf, wellRun } from './fixtures.js';

function problemGuild() {
  const exp = wellRun();
  exp.server!.mfa_level = 0;
  exp.roles.push(role({ name: 'Pipe | Role', member_count: 0 }));
  for (let i = 0; i < 8; i++) exp.channels.push(channel({ name: `loose-${i}`, last_message_id: sf(1) }));
  failCollector(exp, 'invites');
  return exp;
}

describe('summary', () => {
  it('fills every summary field from the audit and the collected totals', () => {
    const exp = problemGuild();
    const result = runAudit(exp);
    applyAuditToSummary(exp, result, 'the prompt');
    expect(exp.summary).toMatchObject({
      health_score: result.score, total_roles: exp.roles.length, total_channels: exp.channels.length, total_members: 2500, total_bots: 1,
      issues_found: ['mod_2fa_not_required', 'uncategorized_channels', 'unused_roles'], llm_audit_prompt: 'the prompt',
    });
    expect(exp.summary.checks).toHaveLength(result.checks.length);
    expect(exp.summary.findings.find((f) => f.id === 'unused_roles')!.evidence).toEqual([{ id: expect.any(String), name: 'Pipe | Role' }]);
  });
});

describe('renderHealthMarkdown', () => {
  it('shows the score and the failing checks by severity with evidence and fix', () => {
    const exp = problemGuild();
    applyAuditToSummary(exp, runAudit(exp), '');
    const md = renderHealthMarkdown(exp.summary);
    expect(md.startsWith('## Health\n')).toBe(true);
    expect(md).toMatch(/\*\*Score: \d+\/100\*\* \(\d+ of \d+ checks conclusive, 3 failing\)/);
    const rows = md.split('\n').filter((l) => /^\| (critical|high|medium|low) /.test(l));
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual(['high', 'low', 'low']);
    expect(rows[0]).toContain('`mod_2fa_not_required`');
    expect(rows[0]).toContain('Require 2FA');
    expect(md).toContain('Pipe \\| Role');
    expect(md).toMatch(/#loose-0, .*\+3 more/);
    expect(md).toMatch(/`permanent_invites` \(not applicable\): invites not collected: Missing Permissions/);
  });

  it('is deterministic: same input, same text, whatever the array order', () => {
    const a = problemGuild();
    const b = structuredClone(a);
    b.channels.reverse();
    b.roles.reverse();
    applyAuditToSummary(a, runAudit(a), '');
    applyAuditToSummary(b, runAudit(b), '');
    b.summary.checks.reverse();
    b.summary.findings.reverse();
    expect(renderHealthMarkdown(b.summary)).toBe(renderHealthMarkdown(a.summary));
    expect(renderHealthMarkdown(a.summary)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('says so when nothing fails', () => {
    const exp = wellRun();
    applyAuditToSummary(exp, runAudit(exp), '');
    expect(renderHealthMarkdown(exp.summary)).toContain('No failing checks.');
  });
});

describe('replaceHealthSection', () => {
  const section = '## Health\n\nnew\n';
  it('replaces from ## Health up to the next ## heading', () => {
    expect(replaceHealthSection('# G\n\n## Roles\nr\n\n## Health\n\nold\nold2\n\n## Channels\nc\n', section))
      .toBe('# G\n\n## Roles\nr\n\n## Health\n\nnew\n\n## Channels\nc\n');
  });
  it('replaces up to the end of the file', () => {
    expect(replaceHealthSection('# G\n\n## Health\n\nold\n', section)).toBe('# G\n\n## Health\n\nnew\n');
  });
  it('appends when absent, and is idempotent', () => {
    const once = replaceHealthSection('# G\n\n## Roles\nr\n', section);
    expect(once).toBe('# G\n\n## Roles\nr\n\n## Health\n\nnew\n');
    expect(replaceHealthSection(once, section)).toBe(once);
  });
  it('does not treat ### sub-headings as the end of the section', () => {
    expect(replaceHealthSection('## Health\n\n### Sub\nold\n## Next\n', section)).toBe('## Health\n\nnew\n\n## Next\n');
  });
});
