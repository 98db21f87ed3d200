import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateExport } from '../../../src/schema/validate.js';
import { FORMAT_ORDER, writeFormats, writers } from '../../../src/writers/index.js';
import { memberEntry } from '../../../src/writers/json.js';
import { fixtureExport, member, WEBHOOK_TOKEN } from './fixture.js';
import { readZip } from '../../helpers/zip.js';
import { existsSync } from 'node:fs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'writers-all-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writers registry', () => {
  it('has one writer per format, the ZIP written last', () => {
    expect(Object.keys(writers).sort()).toEqual([...FORMAT_ORDER].sort());
    expect(FORMAT_ORDER.at(-1)).toBe('zip');
  });

  it('writes every format; export.json validates against the schema and the ZIP holds the other files', async () => {
    const exp = fixtureExport();
    async function* members() {
      yield [0, 1, 2].map((i) => memberEntry(JSON.stringify(member(i)), i === 0)).join('');
    }
    const written = await writeFormats(['zip', 'markdown', 'json', 'prompt'], { outDir: dir, exp, members: members() });
    expect(written.map((f) => f.name)).toEqual(['export.json', 'snapshot.md', 'audit-prompt.md', 'export.zip']);

    const exported = JSON.parse(await readFile(join(dir, 'export.json'), 'utf8'));
    expect(validateExport(exported)).toEqual({ valid: true, errors: [] });
    expect(exported.members).toEqual([member(0), member(1), member(2)]);
    expect(await readFile(join(dir, 'audit-prompt.md'), 'utf8')).toBe(exp.summary.llm_audit_prompt);

    const zip = await readFile(join(dir, 'export.zip'));
    for (const name of ['export.json', 'snapshot.md', 'audit-prompt.md']) expect(zip.includes(Buffer.from(name))).toBe(true);
    expect(zip.includes(Buffer.from('export.zip'))).toBe(false);
    for (const f of written) expect((await readFile(f.path)).includes(Buffer.from(WEBHOOK_TOKEN))).toBe(false);
  });

  it('packs export.json while writing it: the entries read back (CRC-checked) equal the files, byte for byte', async () => {
    const out = await mkdtemp(join(dir, 'zip-'));
    const exp = fixtureExport();
    async function* members() {
      for (let page = 0; page < 30; page++) {
        yield Buffer.from(Array.from({ length: 1000 }, (_, k) => memberEntry(JSON.stringify(member(page * 1000 + k)), page + k === 0)).join(''));
      }
    }
    const written = await writeFormats(['json', 'markdown', 'zip'], { outDir: out, exp, members: members() });
    const zip = readZip(join(out, 'export.zip'));
    expect(zip.names).toEqual(['export.json', 'snapshot.md', 'snapshot.json'].filter((n) => written.some((f) => f.name === n)));
    for (const name of zip.names) expect(zip.files[name]).toBe(await readFile(join(out, name), 'utf8'));
    expect(JSON.parse(zip.files['export.json']).members).toHaveLength(30_000);
  });

  it('leaves no ZIP behind when a writer fails part-way', async () => {
    const out = await mkdtemp(join(dir, 'fail-'));
    async function* members() {
      yield memberEntry(JSON.stringify(member(1)), true);
      throw new Error('member spool unreadable');
    }
    await expect(writeFormats(['json', 'zip'], { outDir: out, exp: fixtureExport(), members: members() })).rejects.toThrow('member spool unreadable');
    expect(existsSync(join(out, 'export.zip'))).toBe(false);
  });

  it('keeps the previous generation whole when a writer fails part-way, and leaves no temporary behind', async () => {
    const out = await mkdtemp(join(dir, 'keep-'));
    const old = fixtureExport();
    await writeFormats(['json', 'markdown', 'snapshot', 'zip'], { outDir: out, exp: old });
    const before = Object.fromEntries(await Promise.all(['export.json', 'snapshot.md', 'snapshot.json', 'export.zip'].map(async (n) => [n, await readFile(join(out, n))] as const)));
    async function* members() {
      yield memberEntry(JSON.stringify(member(1)), true);
      throw new Error('member spool unreadable');
    }
    const next = fixtureExport();
    next.server!.name = 'A later generation';
    await expect(writeFormats(['json', 'markdown', 'snapshot', 'zip'], { outDir: out, exp: next, members: members() })).rejects.toThrow('member spool unreadable');
    for (const [name, bytes] of Object.entries(before)) expect(await readFile(join(out, name))).toEqual(bytes);
    expect((await readdir(out)).sort()).toEqual(['export.json', 'export.zip', 'snapshot.json', 'snapshot.md']);
  });

  it('writes only the formats asked for', async () => {
    const out = await mkdtemp(join(dir, 'md-'));
    const written = await writeFormats(['markdown'], { outDir: out, exp: fixtureExport() });
    expect(written).toEqual([{ name: 'snapshot.md', path: join(out, 'snapshot.md') }]);
  });
});
