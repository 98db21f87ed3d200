import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport } from '../../../src/pipeline/run-export.js';
import { DEMO_PLANTED_PROBLEMS } from '../../../src/fake-discord/index.js';
import type { ExportOutcome } from '../../../src/pipeline/run-export.js';

// Calibration on the real thing: the demo guild exported through the whole pipeline (fake Discord over loopback).
describe('the demo guild audit', () => {
  let dir: string;
  let outcome: ExportOutcome;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dse-calib-'));
    outcome = await runExport({
      guildId: null, token: null, apiBase: null, demo: true, outDir: dir, only: null, skip: [], members: 'counts',
      maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flags every planted problem', () => {
    expect(DEMO_PLANTED_PROBLEMS.length).toBeGreaterThanOrEqual(10);
    for (const id of DEMO_PLANTED_PROBLEMS) expect(outcome.export.summary.issues_found, id).toContain(id);
  });

  it('passes what the demo set up well', () => {
    const failing = outcome.export.summary.issues_found;
    for (const id of ['explicit_content_filter_disabled', 'default_notifications_all_messages', 'missing_rules_channel', 'missing_moderation_logs', 'no_automod_rules']) {
      expect(failing, id).not.toContain(id);
    }
  });

  it('scores low, with a per-check breakdown', () => {
    const score = outcome.export.summary.health_score!;
    expect(score).toBeGreaterThan(20);
    expect(score).toBeLessThan(60);
    expect(outcome.export.summary.checks.length).toBeGreaterThanOrEqual(15);
    expect(outcome.export.summary.llm_audit_prompt).toContain('Pixel Harbor');
  });
});
