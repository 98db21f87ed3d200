import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemps, tempOwner, tempPath } from '../../../src/pipeline/temp-files.js';

describe('temporary files in the output folder', () => {
  it('names them after the final file and the writing process', () => {
    expect(tempPath('/o', 'export.json', 42)).toBe(join('/o', '.export.json.42.tmp'));
    expect(tempOwner('.export.json.42.tmp')).toBe(42);
    expect(tempOwner('export.json')).toBeNull();
  });
  it('removes what a dead process left and keeps a live one\'s and other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dse-temps-'));
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    for (const name of [`.members.json.${dead}.tmp`, `.export.json.${process.ppid}.tmp`, `.snapshot.md.${process.pid}.tmp`, 'export.json']) {
      writeFileSync(join(dir, name), 'x');
    }
    expect(removeStaleTemps(dir)).toEqual([`.members.json.${dead}.tmp`]);
    expect(readdirSync(dir).sort()).toEqual([`.export.json.${process.ppid}.tmp`, `.snapshot.md.${process.pid}.tmp`, 'export.json'].sort());
  });
});
