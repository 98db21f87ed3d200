import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip } from '../../../src/writers/zip.js';

let dir: string;
let files: { name: string; path: string }[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'writers-zip-'));
  files = [
    { name: 'export.json', path: join(dir, 'export.json') },
    { name: 'snapshot.md', path: join(dir, 'snapshot.md') },
  ];
  await writeFile(files[0].path, JSON.stringify({ hello: 'world', n: Array.from({ length: 500 }, (_, i) => i) }));
  await writeFile(files[1].path, '# Snapshot\n\nSame bytes every time.\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Entry names from the ZIP's central directory (parsed by hand, so the test needs no unzip binary). */
function centralDirectoryNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThanOrEqual(0);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('writeZip', () => {
  it('writes a valid ZIP holding each file under its name, with the same content', async () => {
    const zipPath = join(dir, 'a.zip');
    await writeZip(zipPath, files);
    const zip = await readFile(zipPath);
    expect(centralDirectoryNames(zip)).toEqual(['export.json', 'snapshot.md']);
    if (hasUnzip()) {
      execFileSync('unzip', ['-tq', zipPath]); // throws on a CRC or structure error
      for (const f of files) expect(execFileSync('unzip', ['-p', zipPath, f.name])).toEqual(await readFile(f.path));
    }
  });

  it('gives identical bytes for identical inputs, whatever the files’ own timestamps', async () => {
    await writeZip(join(dir, 'b1.zip'), files);
    await utimes(files[0].path, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    await writeZip(join(dir, 'b2.zip'), files);
    expect(await readFile(join(dir, 'b2.zip'))).toEqual(await readFile(join(dir, 'b1.zip')));
  });

  it('writes an empty but valid ZIP for no files', async () => {
    await writeZip(join(dir, 'empty.zip'), []);
    expect(centralDirectoryNames(await readFile(join(dir, 'empty.zip')))).toEqual([]);
  });

  it('rejects with the ZIP path and a hint when an input file is missing', async () => {
    await expect(writeZip(join(dir, 'c.zip'), [{ name: 'gone.json', path: join(dir, 'gone.json') }])).rejects.toThrow(
      /Could not write .*c\.zip: .*ENOENT.*every input file exists/,
    );
    await expect(readFile(join(dir, 'c.zip'))).rejects.toThrow(/ENOENT/);
  });
});
