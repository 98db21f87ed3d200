import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundledPackageDirs,
  packageDirOf,
  thirdPartyLicensesText,
} from '../../../scripts/third-party-licenses.mjs';

const root = resolve(import.meta.dirname, '../../..');
const modules = join(root, 'node_modules');

/** The entries of a licence file: package heading line -> the entry's body (after the licence line). */
function entries(text: string): Map<string, { license: string; body: string }> {
  const out = new Map<string, { license: string; body: string }>();
  for (const block of text.split(/^={80}\n/m).slice(1)) {
    const [heading, licenseLine, , ...body] = block.split('\n');
    out.set(heading, { license: licenseLine.replace(/^License: /, ''), body: body.join('\n').trim() });
  }
  return out;
}

describe('licence file shipped beside each bundle', () => {
  const scratch = join(root, '.tmp');
  mkdirSync(scratch, { recursive: true });
  const work = mkdtempSync(join(scratch, 'licenses-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('lists every package a real ncc bundle contains, with its version, licence and full text', () => {
    // A small entry with a dependency chain (yazl -> buffer-crc32) and a package that ships no licence file.
    const entry = join(work, 'entry.mjs');
    writeFileSync(entry, "import yazl from 'yazl';\nimport { Snowflake } from '@sapphire/snowflake';\nconsole.log(yazl, Snowflake);\n");
    const stats = join(work, 'stats.json');
    const ncc = join(modules, '@vercel/ncc/dist/ncc/cli.js');
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', join(work, 'out'), '--quiet', '--stats-out', stats], {
      cwd: root,
      stdio: 'pipe',
    });
    const text = thirdPartyLicensesText(bundledPackageDirs(JSON.parse(readFileSync(stats, 'utf8'))), 'dist/test/');
    const version = (name: string) =>
      (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;

    const listed = entries(text);
    expect([...listed.keys()]).toEqual([
      `@sapphire/snowflake ${version('@sapphire/snowflake')}`,
      `buffer-crc32 ${version('buffer-crc32')}`,
      `yazl ${version('yazl')}`,
    ]);
    const yazl = listed.get(`yazl ${version('yazl')}`)!;
    expect(yazl.license).toBe('MIT');
    expect(yazl.body).toBe(readFileSync(join(modules, 'yazl/LICENSE'), 'utf8').replace(/\r\n?/g, '\n').trim());
    expect(listed.get(`@sapphire/snowflake ${version('@sapphire/snowflake')}`)!.body).toBe(
      'This package ships no licence file; its package.json declares the licence "MIT".',
    );
    expect(text).toMatch(/^Third-party software inside dist\/test\/\n/);
    expect(text).toContain('of the 3 npm packages below');
    // Nothing that changes from one machine or run to the next.
    expect(text).not.toContain(root);
    expect(text).not.toContain(modules);
  });

  it('gives every installed package a non-empty entry, in the same bytes on every run', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const dirs = Object.keys(lock.packages)
      .filter((key) => key.startsWith('node_modules/'))
      .map((key) => join(root, key))
      .filter((dir) => existsSync(join(dir, 'package.json')));
    expect(dirs.length).toBeGreaterThan(100);

    const text = thirdPartyLicensesText(dirs, 'dist/all/');
    const listed = entries(text);
    const versions = new Set(
      dirs.map((dir) => {
        const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
        return `${name} ${version}`;
      }),
    );
    expect(new Set(listed.keys())).toEqual(versions);
    expect(text.match(/^={80}$/gm)).toHaveLength(versions.size);
    for (const [heading, { license, body }] of listed) {
      expect(heading, heading).toMatch(/^\S+ \S+$/);
      expect(license, heading).not.toBe('');
      expect(body, heading).not.toBe('');
    }
    // Reversed input order, same file.
    expect(thirdPartyLicensesText([...dirs].reverse(), 'dist/all/')).toBe(text);
  });

  it('finds the package of a bundled file, scoped, nested or on Windows', () => {
    expect(packageDirOf('/r/node_modules/yazl/index.js')).toBe('/r/node_modules/yazl');
    expect(packageDirOf('/r/node_modules/@octokit/core/dist-src/index.js')).toBe('/r/node_modules/@octokit/core');
    expect(packageDirOf('/r/node_modules/a/node_modules/isarray/index.js')).toBe('/r/node_modules/a/node_modules/isarray');
    expect(packageDirOf('C:\\r\\node_modules\\yaml\\dist\\index.js')).toBe('C:/r/node_modules/yaml');
    expect(packageDirOf('/r/build/cli/main.js')).toBeUndefined();
    expect(packageDirOf('/r/node_modules/@scope')).toBeUndefined();
    expect(packageDirOf(undefined)).toBeUndefined();
  });

  it('reads module paths from both a module and the modules it concatenated', () => {
    const stats = {
      modules: [
        { nameForCondition: '/r/node_modules/yaml/dist/index.js' },
        { identifier: 'javascript/esm|/l/loader.js!/r/node_modules/undici/index.js', modules: [{ nameForCondition: '/r/node_modules/yazl/index.js' }] },
        { identifier: 'external node-commonjs "node:fs"' },
      ],
    };
    expect(bundledPackageDirs(stats).sort()).toEqual(['/r/node_modules/undici', '/r/node_modules/yaml', '/r/node_modules/yazl']);
  });
});
