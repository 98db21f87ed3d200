import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyAuditToSummary, loadAuditConfig, renderAuditText, renderHealthMarkdown, runAudit } from '../../../src/audit/index.js';
import { sf, wellRun } from './fixtures.js';

let dir: string;
const cwd = process.cwd();
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'audit-config-')); });
afterEach(() => { process.chdir(cwd); rmSync(dir, { recursive: true, force: true }); });

const write = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('loadAuditConfig', () => {
  it('returns the defaults when no path is given and the cwd has no config file', () => {
    process.chdir(dir);
    const config = loadAuditConfig();
    expect(config).toEqual({ disabled: {}, weights: {}, thresholds: expect.objectContaining({ stale_days: 90, max_admin_roles: 2 }), source: null });
  });

  it('finds .discord-audit.yml in the cwd', () => {
    write('.discord-audit.yml', 'thresholds:\n  stale_days: 180\n');
    process.chdir(dir);
    const config = loadAuditConfig(null);
    expect(config.thresholds.stale_days).toBe(180);
    expect(config.source).toMatch(/\.discord-audit\.yml$/);
  });

  it('reads JSON too', () => {
    const p = write('audit.json', JSON.stringify({ weights: { unused_roles: 1 } }));
    expect(loadAuditConfig(p).weights).toEqual({ unused_roles: 1 });
  });

  it.each([
    ['disabled:\n  no_such_check: "x"\n', /disabled\.no_such_check: no check has this id\. Known ids: .*stale_channels/],
    ['disabled:\n  stale_channels: ""\n', /disabled\.stale_channels: give the reason as text/],
    ['weights:\n  unused_roles: -1\n', /weights\.unused_roles: expected a number from 0 to 100, got -1/],
    ['weights:\n  unused_roles: 101\n', /weights\.unused_roles: expected a number from 0 to 100, got 101/],
    ['weights:\n  unused_roles: 1e308\n', /weights\.unused_roles: expected a number from 0 to 100/],
    ['weights:\n  unused_roles: .inf\n', /weights\.unused_roles: expected a number from 0 to 100, got Infinity/],
    ['weights:\n  unused_roles: .nan\n', /weights\.unused_roles: expected a number from 0 to 100, got NaN/],
    ['thresholds:\n  constructor: 3\n', /thresholds\.constructor: unknown threshold\. Known: stale_days/],
    ['thresholds:\n  toString: 3\n', /thresholds\.toString: unknown threshold/],
    ['thresholds:\n  __proto__: 3\n', /thresholds\.__proto__: unknown threshold/],
    ['thresholds:\n  stale_dayz: 10\n', /thresholds\.stale_dayz: unknown threshold\. Known: stale_days/],
    ['colour: red\n', /unknown key "colour"; allowed: disabled, weights, thresholds/],
    ['disabled: [a, b]\n', /"disabled" must be a mapping/],
    ['weights: {unused_roles: 1\n', /is not valid YAML/],
  ])('rejects a bad file with a clear message (%#)', (text, message) => {
    const p = write('.discord-audit.yml', text);
    expect(() => loadAuditConfig(p)).toThrow(message);
  });

  it('says so when the given file does not exist', () => {
    expect(() => loadAuditConfig(join(dir, 'missing.yml'))).toThrow(/Cannot read audit config .*missing\.yml.*--config/);
  });
});

describe('configuration in the report', () => {
  it('a disabled check is left out of the score and shown with its reason in text and markdown', () => {
    const exp = wellRun();
    exp.channels.find((c) => c.name === 'help')!.last_message_id = sf(200);
    const before = runAudit(exp);
    expect(before.issues_found).toEqual(['stale_channels']);
    const config = loadAuditConfig(write('.discord-audit.yml', 'disabled:\n  stale_channels: "We keep an archive on purpose"\nweights:\n  unused_roles: 1\nthresholds:\n  stale_days: 365\n'));
    const after = runAudit(exp, config);
    expect(after.score).toBe(100);
    expect(after.issues_found).toEqual([]);
    const stale = after.checks.find((c) => c.id === 'stale_channels')!;
    expect(stale).toMatchObject({ outcome: 'not_applicable', score: null, disabled_reason: 'We keep an archive on purpose' });
    expect(after.config_notes).toEqual([
      expect.stringMatching(/^stale_channels disabled by .*\.discord-audit\.yml: We keep an archive on purpose$/),
      expect.stringMatching(/^threshold stale_days set to 365 by .* \(default 90\)$/),
      expect.stringMatching(/^unused_roles weight set to 1 by .* \(default 2\.5\)$/),
    ]);
    expect(renderAuditText(after)).toContain('Configuration changes (these affect the score):');
    expect(renderAuditText(after)).toContain('We keep an archive on purpose');
    applyAuditToSummary(exp, after, 'prompt');
    const md = renderHealthMarkdown(exp.summary);
    expect(md).toContain('**Disabled by configuration** (not scored):');
    expect(md).toContain('- `stale_channels`: We keep an archive on purpose');
  });

  it('a weight changes the score', () => {
    const exp = wellRun();
    exp.server!.default_message_notifications = 0;
    const normal = runAudit(exp).score!;
    const heavy = runAudit(exp, loadAuditConfig(write('c.json', JSON.stringify({ weights: { default_notifications_all_messages: 50 } })))).score!;
    expect(heavy).toBeLessThan(normal);
  });
});
