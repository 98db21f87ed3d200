import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.js';
import { readExportFile } from '../../../src/schema/read-export.js';
import { InputError } from '../../../src/cli/exit-codes.js';

// Files the product writes replace a link standing at their name (never write through it), and files it reads
// that are not exports are input errors (66) that name the file and where it goes wrong.
describe('links in the output folder and inputs that are not exports', () => {
  let dir: string;
  let out: string;
  let fake: FakeOpenAI;
  let good: Record<string, unknown>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dse-links-'));
    fake = await startFakeOpenAI();
    fake.setDefault({ kind: 'answer', content: 'Require **2FA** for moderators.' });
    out = join(dir, 'out');
    const run = await runCli(['export', '--demo', '--members', 'counts', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    good = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as Record<string, unknown>;
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audit --ai replaces a link at ai-review.md (and at its draft name) instead of writing through it', async () => {
    const outside = join(dir, 'outside.txt');
    const draftTarget = join(dir, 'outside-draft.txt');
    writeFileSync(outside, 'not yours\n');
    writeFileSync(draftTarget, 'not yours either\n');
    symlinkSync(outside, join(out, 'ai-review.md'));
    // The CLI runs in this process: its drafts carry this pid.
    symlinkSync(draftTarget, join(out, `.ai-review.md.${process.pid}.tmp`));
    const run = await runCli(['audit', join(out, 'export.json'), '--ai', '--ai-model', 'test-model'], { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-links-test-1234567890' });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n');
    expect(readFileSync(draftTarget, 'utf8')).toBe('not yours either\n');
    expect(lstatSync(join(out, 'ai-review.md')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(out, 'ai-review.md'), 'utf8')).toContain('Require **2FA** for moderators.');
    expect(() => lstatSync(join(out, `.ai-review.md.${process.pid}.tmp`))).toThrow();
  });

  it('audit --write and a re-export replace links at their files instead of writing through them', async () => {
    const outside = join(dir, 'outside-snapshot.md');
    writeFileSync(outside, 'keep me\n');
    rmSync(join(out, 'snapshot.md'));
    symlinkSync(outside, join(out, 'snapshot.md'));
    expect((await runCli(['audit', join(out, 'export.json'), '--write'])).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(out, 'snapshot.md')).isSymbolicLink()).toBe(false);
    rmSync(join(out, 'export.zip'));
    symlinkSync(outside, join(out, 'export.zip'));
    expect((await runCli(['export', '--demo', '--members', 'counts', '--out', out, '--quiet'])).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(out, 'export.zip')).isSymbolicLink()).toBe(false);
  });

  const broken: [string, (exp: Record<string, unknown>) => unknown, RegExp][] = [
    ['a role that is null', (e) => ({ ...e, roles: [null] }), /\$\.roles\[0\] must be object \(got null\)/],
    ['a server that is a string', (e) => ({ ...e, server: 'x' }), /\$\.server must be object or null \(got string\)/],
    ['a channel list that is an object', (e) => ({ ...e, channels: { a: 1 } }), /\$\.channels must be array or null \(got object\)/],
    ['a role name that is a number', (e) => ({ ...e, roles: [{ ...(e.roles as object[])[0], name: 42 }] }), /\$\.roles\[0\]\.name must be string \(got number\)/],
  ];
  it.each(broken)('%s: exit 66 for audit and diff, naming the file and the JSON path, no stack', async (_label, change, where) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(change(good)));
    for (const argv of [['audit', file], ['diff', join(out, 'export.json'), file]]) {
      const run = await runCli(argv);
      expect(run.code, run.stderr).toBe(66);
      expect(run.stderr).toMatch(/^Error: \S*bad\.json is not a valid export: /);
      expect(run.stderr).toMatch(where);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/Unexpected error|\n\s+at /);
    }
  });

  it('files from older versions (fields added since missing, 1.x empty lists) and snapshot.json are still read', async () => {
    const old = structuredClone(good) as Record<string, any>;
    old.meta.schema_version = '1.0.0';
    delete old.soundboard;
    delete old.onboarding;
    delete old.meta.left_out;
    delete old.summary.checks;
    old.roles = old.roles.map(({ member_count: _, ...role }: Record<string, unknown>) => role);
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify(old));
    expect((await runCli(['audit', file])).code).toBe(0);
    expect((await runCli(['diff', file, join(out, 'snapshot.json')])).code).toBe(0);
  });

  it('a file over the size cap is an input error before it is read whole', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(good));
    const err = await readExportFile(file, undefined, { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/big\.json is [\d.]+ MiB, larger than the 0\.0 MiB an export file may be/);
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    expect((await runCli(['audit', folder])).stderr).toMatch(/folder\.json is not a file/);
  });
});
