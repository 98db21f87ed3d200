import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES, parseInputs } from '../../../src/action/inputs.js';
import { OUTPUT_NAMES } from '../../../src/action/outputs.js';

const action = parse(readFileSync('action.yml', 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  branding: { icon: string; color: string };
};

describe('action.yml', () => {
  it('runs the committed bundle on Node 24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding.icon).toBeTruthy();
  });

  it('declares exactly the inputs and outputs the code reads and writes, each documented', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) expect(entry.description.length).toBeGreaterThan(10);
  });

  it('has defaults the code applies the same way when an input is empty', () => {
    const withYamlDefaults: Record<string, string> = { 'discord-token': 't', 'guild-id': '123456789012345678' };
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default !== undefined && name !== 'github-token') withYamlDefaults[name] = input.default;
    }
    withYamlDefaults['github-token'] = 'ghs_x';
    const fromYaml = parseInputs(withYamlDefaults, { hasRepository: true });
    const fromCode = parseInputs({ 'discord-token': 't', 'guild-id': '123456789012345678', 'github-token': 'ghs_x' }, { hasRepository: true });
    expect(fromYaml).toEqual(fromCode);
    expect(fromCode.members).toBe('counts');
  });
});
