import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../../..');
const workflowsDir = join(root, '.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const manifest = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const range = (m: Manifest, name: string) => m.dependencies?.[name] ?? m.devDependencies?.[name];
const major = (spec: string | undefined) => /(\d+)\./.exec(spec ?? '')?.[1];

describe('workflows', () => {
  it('pin every third-party action by full commit SHA, with its version in a comment', () => {
    expect(workflows.length).toBeGreaterThan(0);
    const unpinned: string[] = [];
    for (const name of workflows) {
      readFileSync(join(workflowsDir, name), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const uses = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
          if (!uses || uses[1].startsWith('./') || uses[1].startsWith('docker://')) return;
          const pinned = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/.test(uses[1]);
          const versioned = /^\s+#\s+v\d+(?:\.\d+){0,2}\s*$/.test(uses[2]);
          if (!pinned || !versioned) unpinned.push(`${name}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(unpinned).toEqual([]);
  });

  it('read only by default, and write only in the jobs that need it', () => {
    for (const name of workflows) {
      const workflow = parse(readFileSync(join(workflowsDir, name), 'utf8')) as { permissions?: unknown };
      expect(workflow.permissions, name).toEqual({ contents: 'read' });
    }
  });

  it('CI runs the same script as a local check', () => {
    const ci = parse(readFileSync(join(workflowsDir, 'ci.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const runs = Object.values(ci.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    expect(runs).toContain('bash .ci/run');
  });
});

describe('Dependabot', () => {
  const config = parse(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')) as {
    updates: { 'package-ecosystem': string; ignore?: { 'dependency-name': string; 'update-types'?: string[] }[] }[];
  };

  it('updates npm packages and actions', () => {
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });

  it('keeps the deliberate pins on their major', () => {
    const npm = config.updates.find((update) => update['package-ecosystem'] === 'npm')!;
    const majorsIgnored = (npm.ignore ?? [])
      .filter((rule) => rule['update-types']?.includes('version-update:semver-major'))
      .map((rule) => rule['dependency-name']);
    expect(majorsIgnored).toEqual(expect.arrayContaining(['undici']));
  });

  it('holds undici on the major that @discordjs/rest depends on', () => {
    const ours = range(manifest(join(root, 'package.json')), 'undici');
    const rest = range(manifest(join(root, 'node_modules/@discordjs/rest/package.json')), 'undici');
    expect(major(ours)).toBeDefined();
    expect(major(ours)).toBe(major(rest));
  });
});
