import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memberEntry, writeExportJson } from '../../../src/writers/json.js';
import type { ExportMember, GuildExport } from '../../../src/schema/types.js';
import { fixtureExport, member } from './fixture.js';
import { toWire } from '../../../src/schema/wire.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'writers-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** JSON.stringify's pretty layout of the file form (uncollected sections null or marked), with `members` moved last
 * and one compact member per line. */
function expectedText(exp: GuildExport, members: ExportMember[]): string {
  const { members: _ignored, ...rest } = toWire(exp);
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const list = members.length ? `[\n${members.map((m) => `    ${JSON.stringify(m)}`).join(',\n')}\n  ]` : '[]';
  return `${head},\n  "members": ${list}\n}`;
}

describe('writeExportJson', () => {
  it('writes the pretty layout with the members array last, one compact record per line', async () => {
    const exp = fixtureExport();
    const path = join(dir, 'small.json');
    await writeExportJson(path, exp);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(expectedText(exp, exp.members));
    expect(JSON.parse(text)).toEqual(toWire(exp));
  });

  it('writes an empty members array and ignores exp.members when a stream is given', async () => {
    const exp = fixtureExport();
    const path = join(dir, 'empty.json');
    await writeExportJson(path, exp, (async function* () {})());
    const text = await readFile(path, 'utf8');
    expect(text).toBe(expectedText(exp, []));
    expect(JSON.parse(text).members).toEqual([]);
  });

  it('streams 100,000 members with flat memory and parses to the expected object', async () => {
    const exp = fixtureExport();
    const path = join(dir, 'big.json');
    const count = 100_000;
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    async function* generate() {
      for (let i = 0; i < count; i++) {
        if (i % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield memberEntry(JSON.stringify(member(i)), i === 0);
      }
    }
    await writeExportJson(path, exp, generate());
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    // The file is ~10 MB; holding it or the records in memory would blow well past this bound.
    expect((peak - before) / 2 ** 20).toBeLessThan(30);

    const parsed = JSON.parse(await readFile(path, 'utf8'));
    expect(parsed.members).toHaveLength(count);
    expect(parsed).toEqual({ ...toWire(exp), members: Array.from({ length: count }, (_, i) => member(i)) });
  });

  it('rejects with the path and a hint when the directory does not exist', async () => {
    await expect(writeExportJson(join(dir, 'missing', 'x.json'), fixtureExport())).rejects.toThrow(
      /Could not write .*missing.*x\.json: .*ENOENT.*output directory exists/,
    );
  });

  it('passes on an error from the member stream', async () => {
    async function* broken() {
      yield memberEntry(JSON.stringify(member(1)), true);
      throw new Error('member page 3 failed');
    }
    await expect(writeExportJson(join(dir, 'broken.json'), fixtureExport(), broken())).rejects.toThrow('member page 3 failed');
  });
});
