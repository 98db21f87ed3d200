import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
const examples = readdirSync('docs/examples').filter((f) => f.endsWith('.yml'));

type Step = { uses?: string; with?: Record<string, unknown> };
type Workflow = { permissions?: Record<string, string>; jobs: Record<string, { steps: Step[] }> };

describe('example workflows', () => {
  it('cover push, pull-request, several servers, and changes by pull request (plan and apply)', () => {
    expect(examples.sort()).toEqual(['apply.yml', 'plan.yml', 'pull-request.yml', 'push.yml', 'several-servers.yml']);
  });

  it.each(examples)('%s passes only inputs the action declares, and grants what its mode needs', (file) => {
    const workflow = parse(readFileSync(`docs/examples/${file}`, 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.includes('discord-server-exporter'));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
      const mode = String(step.with?.mode ?? 'export');
      const commit = mode === 'plan' ? 'none' : String(step.with?.commit ?? 'push');
      if (mode === 'plan') expect(workflow.permissions?.['pull-requests']).toBe('write');
      // Writes to Discord only with the switch a reviewer sees, and never from a pull request's event.
      if (mode === 'apply') {
        expect(step.with?.['allow-writes']).toBe(true);
        expect(Object.keys((workflow as { on?: Record<string, unknown> }).on ?? {})).not.toContain('pull_request');
      }
      const regression = String(step.with?.['on-regression'] ?? 'fail');
      if (commit !== 'none') expect(workflow.permissions?.contents).toBe('write');
      if (commit === 'pull-request') expect(workflow.permissions?.['pull-requests']).toBe('write');
      if (regression.includes('issue')) expect(workflow.permissions?.issues).toBe('write');
    }
  });
});
