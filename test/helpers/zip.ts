import { execFileSync } from 'node:child_process';

/** Reads a ZIP with an independent implementation (Python's zipfile): CRC-checks every entry and returns them. */
export function readZip(path: string): { names: string[]; files: Record<string, string> } {
  const script = [
    'import zipfile, sys, json',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, "bad entry: %s" % bad',
    'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script, path], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const files = JSON.parse(out) as Record<string, string>;
  return { names: Object.keys(files), files };
}
