import { describe, expect, it } from 'vitest';
import { renderJobSummary, truncateMarkdown, type JobSummaryInput } from '../../../src/github/summary.js';
import { scoreLine } from '../../../src/github/score-text.js';
import type { CheckOutcomeRecord, Finding, Severity } from '../../../src/schema/types.js';
import { renderDiffMarkdown } from '../../../src/diff/index.js';
import { runAudit } from '../../../src/audit/run.js';
import { CHECKS } from '../../../src/audit/checks/index.js';
import { wellRun } from '../audit/fixtures.js';

function check(id: string, severity: Severity, outcome: CheckOutcomeRecord['outcome']): CheckOutcomeRecord {
  return { id, title: `Title ${id}`, category: 'permissions', severity, weight: 1, outcome, score: outcome === 'pass' ? 1 : 0, message: `Message ${id}.` };
}

function finding(id: string, severity: Severity): Finding {
  return {
    id: `${id}-1`, check: id, title: `Title ${id}`, severity, category: 'permissions', outcome: 'fail', message: `Message ${id}.`,
    evidence: [{ id: '1', name: 'Mods' }], remediation: { text: `Fix ${id} like this.`, effort: 'low' },
  };
}

const input: JobSummaryInput = {
  guildName: 'Test *Guild*', guildId: '123456789012345678', score: 72.34, previousScore: 80, threshold: 75,
  exportStatus: 'complete',
  checks: [check('low_one', 'low', 'fail'), check('crit_one', 'critical', 'fail'), check('ok_one', 'high', 'pass'), check('high_one', 'high', 'fail')],
  findings: [finding('low_one', 'low'), finding('crit_one', 'critical'), finding('high_one', 'high')],
  changes: '- Role **Mods** gained Administrator', changeCount: 1, snapshotChanged: true,
  links: {
    commit: { sha: 'abcdef1234567890', url: 'https://github.com/o/r/commit/abcdef1234567890' },
    artifact: { name: 'discord-export-1', url: 'https://github.com/o/r/actions/runs/1/artifacts/9' },
  },
  problems: [],
};

describe('renderJobSummary', () => {
  it('shows the score, delta and threshold verdict', () => {
    const md = renderJobSummary(input);
    expect(md).toContain('**Health score: 72.3/100** (-7.7 from 80): below the threshold of 75.');
    expect(md).toContain('Test \\*Guild\\*');
  });

  it('shows the audit configuration in force, so a disabled check cannot hide', () => {
    const md = renderJobSummary({ ...input, configNotes: ['low_activity disabled: "archive server"'] });
    expect(md).toContain('**Audit configuration** (changes the score):');
    expect(md).toContain('- low\\_activity disabled: "archive server"'); // Markdown-escaped
    expect(renderJobSummary(input)).not.toContain('Audit configuration');
  });

  it('lists failing checks by severity, critical first, each with its fix', () => {
    const md = renderJobSummary(input);
    const order = ['#### Critical', '#### High', '#### Low'].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('Fix (low effort): Fix crit\\_one like this.');
    expect(md.slice(0, md.indexOf('<details>'))).not.toContain('ok\\_one');
  });

  it('shows what changed and links', () => {
    const md = renderJobSummary(input);
    expect(md).toContain('### What changed (1)');
    expect(md).toContain('gained Administrator');
    expect(md).toContain('[`abcdef1`](https://github.com/o/r/commit/abcdef1234567890)');
    expect(md).toContain('[discord-export-1](https://github.com/o/r/actions/runs/1/artifacts/9)');
  });

  it('says first snapshot and no changes plainly', () => {
    expect(renderJobSummary({ ...input, changes: null, previousScore: null })).toContain('First snapshot');
    expect(renderJobSummary({ ...input, changes: '', changeCount: 0, snapshotChanged: false })).toContain('No configuration changes since the last snapshot; nothing was committed.');
    // No change found where both sides were collected: the sections that could not be compared are still named.
    const notCompared = renderDiffMarkdown({ changes: [], counts: { total: 0 }, escalations: 0, partly_compared: [],
      not_compared: [{ section: 'roles', label: 'roles', reason: 'not collected in the newer export: Missing Access' }] });
    const md = renderJobSummary({ ...input, changes: notCompared, changeCount: 0 });
    expect(md).toContain('No configuration changes in the sections compared.');
    expect(md).toContain('- **Not compared:** roles (not collected in the newer export: Missing Access); changes there are unknown.');
    expect(md).not.toContain('No configuration changes since the last snapshot');
  });

  it('shows a skipped artifact with its reason', () => {
    expect(renderJobSummary({ ...input, links: { artifact: { skipped: 'ACTIONS_RUNTIME_TOKEN is not set' } } })).toContain('Artifact: not uploaded');
  });

  it('flags a partial export and lists problems', () => {
    const md = renderJobSummary({ ...input, exportStatus: 'partial', problems: ['Collector invites failed: Missing Permissions (50013). Grant Manage Server.'] });
    expect(md).toContain('The export is partial');
    expect(md).toMatch(/### Problems\n\n- Collector invites failed: Missing Permissions \(50013\)\. Grant Manage Server\./);
  });

  it('stays under the byte limit and keeps the score, failing checks and links when changes are huge', () => {
    const changes = Array.from({ length: 60_000 }, (_, i) => `- Role ${i} renamed to something much longer ${'x'.repeat(20)}`).join('\n');
    const md = renderJobSummary({ ...input, changes, changeCount: 60_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1_000_000);
    expect(md).toContain('**Health score:');
    expect(md).toContain('#### Critical');
    expect(md).toContain('### Links');
    expect(md).toMatch(/more lines left out to fit the size limit/);
  });

  it('respects a small limit too', () => {
    const md = renderJobSummary(input, 2_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(2_000);
  });
});

describe('truncateMarkdown', () => {
  it('cuts at a line boundary and says so', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const out = truncateMarkdown(text, 300);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(300);
    expect(out).toMatch(/line \d+\n\n_… \d+ more lines left out/);
  });
  it('returns short text unchanged', () => expect(truncateMarkdown('abc', 100)).toBe('abc'));
});

describe('scoreLine', () => {
  it.each([
    [80, null, 70, '**Health score: 80/100** (no earlier snapshot): meets the threshold of 70.'],
    [80, 80, 0, '**Health score: 80/100** (±0 from 80): no threshold set.'],
    [85.55, 80, 70, '**Health score: 85.6/100** (+5.6 from 80): meets the threshold of 70.'],
    [null, 80, 70, '**Health score: n/a**: no score: every check was inconclusive.'],
  ])('%s vs %s at %s', (score, prev, threshold, expected) => expect(scoreLine(score, prev, threshold)).toBe(expected));

  it('collapses passing, not-applicable and inconclusive checks, with their count in the summary line', () => {
    const checks = [...input.checks, check('na_one', 'low', 'not_applicable'), check('err_one', 'medium', 'error')];
    const md = renderJobSummary({ ...input, checks });
    const details = /<details><summary>Other checks: passing \(1\), not applicable \(1\), inconclusive \(1\)<\/summary>\n\n([\s\S]*?)\n\n<\/details>/.exec(md);
    expect(details?.[1]).toContain('- Title ok\\_one (`ok_one`)');
    expect(details?.[1]).toContain('- Title na\\_one (`na_one`): Message na\\_one.');
    expect(details?.[1]).toContain('**Inconclusive**');
    expect(details?.[1]).not.toContain('crit_one');
    const disabled = { ...check('off_one', 'low', 'not_applicable'), disabled_reason: 'seasonal' };
    expect(renderJobSummary({ ...input, checks: [...checks, disabled] })).not.toContain('`off_one`');
  });

  it('names a passing or not-applicable check neutrally, never by its failing title', () => {
    const exp = wellRun();
    exp.automod = [{ ...exp.automod[0]!, enabled: true }];
    const result = runAudit(exp);
    const automod = result.checks.find((c) => c.id === 'no_automod_rules')!;
    expect(automod.outcome).toBe('pass');
    const md = renderJobSummary({ ...input, checks: result.checks, findings: result.findings });
    expect(md).toContain('- AutoMod rules (`no_automod_rules`)');
    expect(md).not.toContain('No AutoMod rules enabled');
    const failing = renderJobSummary({ ...input, checks: [{ ...automod, outcome: 'fail' }], findings: [] });
    expect(failing).toContain('**No AutoMod rules enabled** (`no_automod_rules`)');
  });

  it('gives every check a neutral name distinct from its failing title', () => {
    for (const { meta } of CHECKS) {
      expect(meta.name.trim(), meta.id).not.toBe('');
      expect(meta.name, meta.id).not.toMatch(/^(No|Too many|Few) /);
    }
  });

  it('shows run details and links the committed snapshot.md', () => {
    const md = renderJobSummary({
      ...input,
      run: { durationMs: 83_400, requests: 1234, members: 100_000 },
      links: { ...input.links, snapshot: { path: 'discord-snapshots/1/snapshot.md', url: 'https://github.com/o/r/blob/abcdef1/discord-snapshots/1/snapshot.md' } },
    });
    expect(md).toContain('### Run details\n\n- Duration: 83 s\n- Discord requests: 1,234\n- Members: 100,000');
    expect(md).toContain('- Snapshot: [discord-snapshots/1/snapshot.md](https://github.com/o/r/blob/abcdef1/discord-snapshots/1/snapshot.md)');
  });

  it('has no stray blank lines: one between blocks, none at the start or doubled', () => {
    for (const variant of [input, { ...input, changes: null }, { ...input, exportStatus: 'partial' as const, problems: ['x'], configNotes: ['y'] }]) {
      const md = renderJobSummary({ ...variant, run: { durationMs: 1500, requests: 3, members: null } });
      expect(md).not.toMatch(/\n\n\n/);
      expect(md.startsWith('## ')).toBe(true);
      expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
    }
  });
});
