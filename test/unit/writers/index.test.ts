import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateExport } from '../../../src/schema/validate.js';
import { FORMAT_ORDER, writeFormats, writers } from '../../../src/writers/index.js';
import { fixtureExport, member, WEBHOOK_TOKEN } from './fixture.js';

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
      for (let i = 0; i < 3; i++) yield member(i);
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

  it('writes only the formats asked for', async () => {
    const out = await mkdtemp(join(dir, 'md-'));
    const written = await writeFormats(['markdown'], { outDir: out, exp: fixtureExport() });
    expect(written).toEqual([{ name: 'snapshot.md', path: join(out, 'snapshot.md') }]);
  });
});
