import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const OUTPUTS = ['audit-prompt.md', 'export.json', 'export.zip', 'snapshot.json', 'snapshot.md'];

// A full disk and a read-only file system, for real: the CLI runs in a user and mount namespace of its own
// (`unshare -rm`, no privilege needed where the kernel allows unprivileged namespaces), on a small tmpfs mounted
// there. Injecting the errno into the writer would test the writer's wiring, not what the kernel says when a real
// disk fills up mid-write; a tmpfs is that disk. Where namespaces are not allowed, these cases are skipped.
const namespaces = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', tmpdir()], { encoding: 'utf8' }).status === 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dse-e2e-writes-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` (sh) in a namespace with a tmpfs of `size` at $MNT; $KEEP is a folder outside it that outlives it. */
function inNamespace(name: string, size: string, script: string) {
  const mnt = join(dir, `${name}-mnt`);
  const keep = join(dir, `${name}-keep`);
  mkdirSync(mnt);
  mkdirSync(keep);
  const run = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=${size} tmpfs "$MNT" && ${script}`], {
    encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, MNT: mnt, KEEP: keep, CLI, NODE: process.execPath },
  });
  expect(run.status, run.stderr).toBe(0);
  const file = (n: string) => readFileSync(join(keep, n), 'utf8');
  return { keep, file, code: Number(file('code')), stderr: file('stderr') };
}

/** The one line the CLI prints for an environment problem: no "Unexpected error", no stack. */
function oneClearLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern);
  expect(stderr.trimEnd().split('\n').filter((l) => l.startsWith('Error:'))).toHaveLength(1);
  expect(stderr).not.toMatch(/Unexpected error|please report|\n\s+at /i);
}

describe.skipIf(!namespaces)('writing on a full or read-only disk (a tmpfs in a namespace)', () => {
  it('export --out on a full disk: exit 74, one line, the last good files unchanged, no draft left', () => {
    const r = inNamespace('full', '1m', `
      "$NODE" "$CLI" export --demo --members counts --out "$MNT/out" --quiet || exit 1
      cp -r "$MNT/out" "$KEEP/before"
      head -c 4m /dev/zero > "$MNT/fill" 2>/dev/null
      "$NODE" "$CLI" export --demo --members counts --out "$MNT/out" --quiet 2> "$KEEP/stderr"
      echo $? > "$KEEP/code"
      cp -r "$MNT/out" "$KEEP/after"`);
    expect(r.code).toBe(74);
    oneClearLine(r.stderr, /^Error: Could not write \S*\/out: the disk is full \(ENOSPC\)\. Free some space/m);
    expect(readdirSync(join(r.keep, 'after')).sort()).toEqual(OUTPUTS);
    for (const name of OUTPUTS) {
      expect(readFileSync(join(r.keep, 'after', name)).equals(readFileSync(join(r.keep, 'before', name))), name).toBe(true);
    }
  });

  it('audit --write on a full disk: exit 74, one line, the files unchanged', () => {
    const r = inNamespace('audit-full', '1m', `
      "$NODE" "$CLI" export --demo --members counts --out "$MNT/out" --quiet || exit 1
      cp -r "$MNT/out" "$KEEP/before"
      head -c 4m /dev/zero > "$MNT/fill" 2>/dev/null
      "$NODE" "$CLI" audit "$MNT/out/export.json" --write > /dev/null 2> "$KEEP/stderr"
      echo $? > "$KEEP/code"
      cp -r "$MNT/out" "$KEEP/after"`);
    expect(r.code).toBe(74);
    oneClearLine(r.stderr, /^Error: Could not write \S*\/out: the disk is full \(ENOSPC\)/m);
    expect(readdirSync(join(r.keep, 'after')).sort()).toEqual(OUTPUTS);
    for (const name of OUTPUTS) {
      expect(readFileSync(join(r.keep, 'after', name)).equals(readFileSync(join(r.keep, 'before', name))), name).toBe(true);
    }
  });

  it('a read-only file system: audit --write and export --out exit 73 with one line', () => {
    const r = inNamespace('readonly', '4m', `
      "$NODE" "$CLI" export --demo --members counts --out "$MNT/out" --quiet || exit 1
      mount -o remount,ro "$MNT" || exit 1
      "$NODE" "$CLI" audit "$MNT/out/export.json" --write > /dev/null 2> "$KEEP/stderr"
      echo $? > "$KEEP/code"
      "$NODE" "$CLI" export --demo --members counts --out "$MNT/out" --quiet 2> "$KEEP/export-stderr"
      echo $? > "$KEEP/export-code"`);
    expect(r.code).toBe(73);
    oneClearLine(r.stderr, /^Error: Could not write \S*\/out: the folder is on a read-only file system \(EROFS\)\. Write to a writable folder/m);
    expect(Number(r.file('export-code'))).toBe(73);
    oneClearLine(r.file('export-stderr'), /^Error: The output folder "\S*\/out" cannot be used: it is on a read-only file system \(EROFS\)/m);
  });
});

describe('a folder the user may not write to', () => {
  it('audit --write: exit 73, one line, the files unchanged', () => {
    const out = join(dir, 'locked');
    const made = spawnSync(process.execPath, [CLI, 'export', '--demo', '--members', 'counts', '--out', out, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(made.status, made.stderr).toBe(0);
    const before = readFileSync(join(out, 'export.json'));
    // Permission bits do not bind root: run the CLI as "nobody" then.
    const root = process.getuid?.() === 0;
    chmodSync(out, 0o555);
    try {
      const run = spawnSync(process.execPath, [CLI, 'audit', join(out, 'export.json'), '--write'], {
        encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH }, ...(root ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(run.status, run.stderr).toBe(73);
      oneClearLine(run.stderr, /^Error: Could not write \S*locked: permission denied \(EACCES\)/m);
      expect(readFileSync(join(out, 'export.json')).equals(before)).toBe(true);
    } finally {
      chmodSync(out, 0o755);
    }
  });
});
