import { inflateRawSync } from 'node:zlib';

/** The largest entry read out of a ZIP: an export's JSON and images are far smaller; a bomb is refused. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export class ZipFormatError extends Error {}

/**
 * Entries of a ZIP archive (stored or deflated) by name, read from its central directory. Enough for the export's
 * own export.zip; anything else malformed is a ZipFormatError.
 */
export function readZip(data: Buffer, wanted: (name: string) => boolean): Map<string, Buffer> {
  const eocd = findEndOfDirectory(data);
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw new ZipFormatError('its central directory is damaged');
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (!wanted(name)) continue;
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) throw new ZipFormatError(`the entry ${name} is damaged`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressed > data.length || size > MAX_ENTRY_BYTES) throw new ZipFormatError(`the entry ${name} is damaged or too large`);
    const raw = data.subarray(start, start + compressed);
    if (method === 0) out.set(name, Buffer.from(raw));
    else if (method === 8) {
      try {
        out.set(name, inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES }));
      } catch (error) {
        throw new ZipFormatError(`the entry ${name} cannot be inflated (${(error as Error).message})`);
      }
    } else throw new ZipFormatError(`the entry ${name} uses compression method ${method}, which is not supported`);
  }
  return out;
}

function findEndOfDirectory(data: Buffer): number {
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new ZipFormatError('it is not a ZIP archive (no end of central directory)');
}
