// The licence file shipped beside each bundle: for every npm package whose code is inside the bundle, its name,
// version, declared licence and the full text of the licence files it ships. ncc's own --license option lists
// only some packages, by name; webpack's stats (ncc --stats-out) name every bundled module's file, and the
// package is found from that path. The output holds no paths, dates or order of discovery, so two bundles of
// the same tree give the same bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RULE = '='.repeat(80);
const THIN_RULE = '-'.repeat(80);
// LICENSE, LICENCE, COPYING, with any suffix: LICENSE.md, LICENSE-MIT, license.txt, COPYING.LESSER.
const LICENSE_FILE = /^(licen[cs]e|copying)([.\-_].*)?$/i;

/** The package folders (node_modules/<name> or node_modules/@scope/<name>) of every module in ncc's webpack stats. */
export function bundledPackageDirs(stats) {
  const dirs = new Set();
  const visit = (modules) => {
    for (const module of modules ?? []) {
      // A concatenated module lists the modules it merged; each may come from another package.
      visit(module.modules);
      const dir = packageDirOf(module.nameForCondition ?? resourceOf(module.identifier));
      if (dir) dirs.add(dir);
    }
  };
  visit(stats.modules);
  for (const chunk of stats.chunks ?? []) visit(chunk.modules);
  return [...dirs];
}

// An identifier reads "<type>|<loader>!<loader>!<resource>"; the resource is after the last "!".
function resourceOf(identifier) {
  if (typeof identifier !== 'string') return undefined;
  const resource = identifier.slice(identifier.lastIndexOf('!') + 1);
  return resource.slice(resource.indexOf('|') + 1);
}

/** The package folder holding a file, from the last node_modules in its path; undefined outside node_modules. */
export function packageDirOf(file) {
  if (typeof file !== 'string') return undefined;
  const path = file.replaceAll('\\', '/').split('?')[0];
  const marker = '/node_modules/';
  const at = path.lastIndexOf(marker);
  if (at < 0) return undefined;
  const [first, second] = path.slice(at + marker.length).split('/');
  if (!first || (first.startsWith('@') && !second)) return undefined;
  return path.slice(0, at + marker.length) + (first.startsWith('@') ? `${first}/${second}` : first);
}

/** Name, version, licence id and licence files (name and text) of the package in a folder. */
export function readPackageLicense(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = readdirSync(dir)
    .filter((name) => LICENSE_FILE.test(name) && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => ({ name, text: normalize(readFileSync(join(dir, name), 'utf8')) }))
    .filter((file) => file.text.length > 0);
  return {
    name: String(manifest.name ?? dir.split('/').pop()),
    version: String(manifest.version ?? 'unknown'),
    license: licenseId(manifest),
    files,
  };
}

// package.json's "license" is an SPDX expression; older packages wrote {type} or a "licenses" array.
function licenseId(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses)) {
    const types = licenses.map((entry) => (typeof entry === 'string' ? entry : entry?.type)).filter(Boolean);
    if (types.length > 0) return types.length > 1 ? `(${types.join(' OR ')})` : types[0];
  }
  return 'not declared';
}

// One line ending and no trailing blank space, so a checkout with CRLF files writes the same bytes.
function normalize(text) {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

/** The licence file for one bundle: a header, then one entry per package, sorted by name and version. */
export function thirdPartyLicensesText(packageDirs, bundleName) {
  const packages = [...new Set(packageDirs)]
    .map(readPackageLicense)
    .sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version))
    // Two nested copies of one version are one entry.
    .filter((pkg, index, all) => index === 0 || key(pkg) !== key(all[index - 1]));
  const header = [
    `Third-party software inside ${bundleName}`,
    '',
    `discord-server-exporter is MIT-licensed (see LICENSE in its repository). This bundle also contains the code`,
    `of the ${packages.length} npm packages below; each entry gives the package's name, version, the licence its`,
    `package.json declares, and the licence files the package ships, in full.`,
  ];
  const entries = packages.map((pkg) => {
    const lines = [RULE, `${pkg.name} ${pkg.version}`, `License: ${pkg.license}`, THIN_RULE];
    if (pkg.files.length === 0) {
      lines.push(`This package ships no licence file; its package.json declares the licence "${pkg.license}".`);
    }
    pkg.files.forEach((file, index) => {
      if (index > 0) lines.push('', THIN_RULE);
      if (pkg.files.length > 1) lines.push(`File: ${file.name}`, '');
      lines.push(file.text);
    });
    return lines.join('\n');
  });
  return [header.join('\n'), ...entries].join('\n\n') + '\n';
}

const key = (pkg) => `${pkg.name}@${pkg.version}`;

// Plain code-unit order, the same in every locale.
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
