import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
const examples = readdirSync('docs/examples').filter((f) => f.endsWith('.yml'));

type Step = { uses?: string; with?: Record<string, unknown> };
type Workflow = { permissions?: Record<string, string>; jobs: Record<string, { steps: Step[] }> };

describe('example workflows', () => {
  it('cover push, pull-request and several servers', () => {
    expect(examples.sort()).toEqual(['pull-request.yml', 'push.yml', 'several-servers.yml']);
  });

  it.each(examples)('%s passes only inputs the action declares, and grants what its mode needs', (file) => {
    const workflow = parse(readFileSync(`docs/examples/${file}`, 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.includes('discord-server-exporter'));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
      const commit = String(step.with?.commit ?? 'push');
      const regression = String(step.with?.['on-regression'] ?? 'fail');
      if (commit !== 'none') expect(workflow.permissions?.contents).toBe('write');
      if (commit === 'pull-request') expect(workflow.permissions?.['pull-requests']).toBe('write');
      if (regression.includes('issue')) expect(workflow.permissions?.issues).toBe('write');
    }
  });
});
