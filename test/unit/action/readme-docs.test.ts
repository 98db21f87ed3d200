import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../../..');
const script = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'scripts/action-docs.mjs'), ...args], { cwd: dir, encoding: 'utf8' });

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of docs/action.md, action.yml and the generator, to change one of them without touching the tree. */
function copyOfTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readme-docs-'));
  temps.push(dir);
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'docs'));
  cpSync(join(root, 'scripts/action-docs.mjs'), join(dir, 'scripts/action-docs.mjs'));
  cpSync(join(root, 'docs/action.md'), join(dir, 'docs/action.md'));
  cpSync(join(root, 'action.yml'), join(dir, 'action.yml'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe("docs/action.md's inputs and outputs tables", () => {
  it('are the ones action.yml generates (run node scripts/action-docs.mjs when this fails)', () => {
    const r = script(root, '--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('name every input and output of action.yml with its default', () => {
    const readme = readFileSync(join(root, 'docs/action.md'), 'utf8');
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      if (input.default) expect(row).toContain(`\`${input.default}\``);
    }
    for (const name of Object.keys(action.outputs)) expect(readme).toContain(`| \`${name}\` |`);
  });

  it('are reported stale, with the command that fixes them, when action.yml changes', () => {
    const dir = copyOfTree();
    const yml = readFileSync(join(dir, 'action.yml'), 'utf8');
    writeFileSync(join(dir, 'action.yml'), yml.replace(/^inputs:\n/m, "inputs:\n  new-input:\n    description: A new input.\n    default: 'x'\n"));
    const stale = script(dir, '--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('node scripts/action-docs.mjs');
    expect(readFileSync(join(dir, 'docs/action.md'), 'utf8')).not.toContain('new-input');

    expect(script(dir).status).toBe(0);
    expect(readFileSync(join(dir, 'docs/action.md'), 'utf8')).toContain("| `new-input` | `x` | A new input. |");
    expect(script(dir, '--check').status).toBe(0);
  });

  it('are reported missing when the README has lost its markers', () => {
    const dir = copyOfTree();
    writeFileSync(join(dir, 'docs/action.md'), readFileSync(join(dir, 'docs/action.md'), 'utf8').replace('<!-- action-docs:end -->', ''));
    const r = script(dir, '--check');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('docs/action.md has no block');
  });
});

describe('the README and docs/', () => {
  const texts = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].map((file) => [file, readFileSync(join(root, file), 'utf8')] as const);

  it('open with the two commands that try the product and test it', () => {
    const readme = texts[0][1];
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
    expect(firstBlock).toContain('npm ci && node dist/cli.js export --demo --out ./out');
    expect(firstBlock).toContain('npm test');
  });

  it('keep the README short enough to read: details live in docs/', () => {
    expect(Buffer.byteLength(texts[0][1])).toBeLessThanOrEqual(20 * 1024);
  });

  it('speak of the product, not of how it was built', () => {
    for (const [file, text] of texts) {
      expect(text, file).not.toMatch(/\bsessions? \d|\bthe issue\b|\.\.\/shared|CONVENTIONS\.md/i);
    }
  });
});
