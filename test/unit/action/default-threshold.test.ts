import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { DEFAULT_HEALTH_THRESHOLD } from '../../../src/action/inputs.js';
import { decideThreshold } from '../../../src/action/threshold.js';
import { runAudit } from '../../../src/audit/index.js';
import { tinyDefault, wellRun } from '../audit/fixtures.js';

const yamlDefault = Number((parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs['health-threshold'].default);

describe('the default health threshold', () => {
  it('is the one action.yml declares', () => {
    expect(yamlDefault).toBe(DEFAULT_HEALTH_THRESHOLD);
  });

  it.each([12, 60, 200])('lets a newly adopted %i-member server at Discord\'s defaults pass', (members) => {
    const exp = tinyDefault();
    exp.server!.member_count = members;
    const score = runAudit(exp).score;
    expect(decideThreshold(score, yamlDefault, 'fail').fail, `score ${score}`).toBe(false);
  });

  it('lets a well-run community pass and fails a large server left at the defaults', () => {
    expect(decideThreshold(runAudit(wellRun()).score, yamlDefault, 'fail').fail).toBe(false);
    const large = tinyDefault();
    large.server!.member_count = 5000;
    expect(decideThreshold(runAudit(large).score, yamlDefault, 'fail').fail).toBe(true);
  });
});
