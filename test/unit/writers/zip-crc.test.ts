import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import zlib from 'node:zlib';
import { ZipPacker } from '../../../src/writers/zip.js';
import { readZip } from '../../helpers/zip.js';

type Crc32 = { unsigned: (input: string | Buffer, previous?: Buffer | number) => number; signed: (input: string | Buffer, previous?: Buffer | number) => number };

const require = createRequire(import.meta.url);
/** The buffer-crc32 that yazl itself requires (resolved from yazl's own folder). */
const yazlsCrc32 = createRequire(require.resolve('yazl'))('buffer-crc32') as Crc32;
const native = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

/** Deterministic bytes (a small LCG), so a failure is reproducible. */
function bytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe("yazl's CRC-32 through zlib.crc32", () => {
  it.runIf(native)('replaces the copy of buffer-crc32 that yazl calls', () => {
    expect(yazlsCrc32).toBe(require('buffer-crc32'));
    expect(yazlsCrc32.unsigned.name).toBe('zlibCrc32');
  });

  it('gives the values of the JavaScript loop, whole and chained over chunks', () => {
    // `signed` is buffer-crc32's untouched loop; `>>> 0` makes it unsigned.
    const reference = (buf: Buffer, previous?: number) => yazlsCrc32.signed(buf, previous) >>> 0;
    for (const [length, seed] of [[0, 1], [1, 2], [7, 3], [1000, 4], [65_536, 5], [300_001, 6]]) {
      const buf = bytes(length, seed);
      expect(yazlsCrc32.unsigned(buf)).toBe(reference(buf));
      let running = 0;
      let expected = 0;
      for (let at = 0; at < buf.length; at += 4096) {
        running = yazlsCrc32.unsigned(buf.subarray(at, at + 4096), running);
        expected = reference(buf.subarray(at, at + 4096), expected);
      }
      expect(running).toBe(expected);
      expect(running).toBe(reference(buf));
    }
  });

  it('leaves strings and Buffer-encoded running values to the JavaScript loop', () => {
    expect(yazlsCrc32.unsigned('hello')).toBe(yazlsCrc32.signed('hello') >>> 0);
    const previous = Buffer.alloc(4);
    previous.writeUInt32BE(yazlsCrc32.unsigned(Buffer.from('hel')), 0);
    expect(yazlsCrc32.unsigned(Buffer.from('lo'), previous)).toBe(yazlsCrc32.unsigned(Buffer.from('hello')));
  });

  it.each(['dist/cli/index.js', 'dist/action/index.js'])('is wired to yazl in the bundle %s', (file) => {
    // In the bundle, modules are numbered: the replacement must require the same module as yazl's CRC watcher.
    const bundle = readFileSync(resolve(file), 'utf8');
    const moduleOf = (marker: string) => {
      const at = bundle.indexOf(marker);
      expect(at, `${marker} in ${file}`).toBeGreaterThan(0);
      return bundle.slice(bundle.lastIndexOf('/***/ ((', at), at);
    };
    const replacement = /const crc32 = __nccwpck_require__\((\d+)\)/.exec(moduleOf('function zlibCrc32()'))?.[1];
    const yazl = /var crc32 = __nccwpck_require__\((\d+)\)/.exec(moduleOf('function Crc32Watcher('))?.[1];
    expect(replacement).toBeDefined();
    expect(replacement).toBe(yazl);
  });

  describe('a streamed entry in many chunks', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'writers-zip-crc-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads back with a correct CRC (Python zipfile checks it)', async () => {
      const zipPath = join(dir, 'out.zip');
      const packer = new ZipPacker(zipPath);
      const stream = packer.addStream('export.json');
      const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ id: String(1e17 + i), name: `member-${i}` })));
      for (let at = 0; at < text.length; at += 10_000) {
        if (!stream.write(text.slice(at, at + 10_000))) await new Promise((r) => stream.once('drain', r));
      }
      stream.end();
      await packer.finish();
      expect(readZip(zipPath).files['export.json']).toBe(text);
    });
  });
});
