// Builds dist/: tsc compiles src/ to build/ (ncc cannot drive TypeScript 7, and plain JS bundles the same
// everywhere), then ncc bundles each entry into a folder of its own: dist/cli/ (the CLI) and dist/action/ (the
// Action). Each bundle has a chunk file besides (the prompt tokenizer's tables, loaded when needed), and the two
// builds number their chunks alike with different contents, so they cannot share one folder. dist/cli.js (the
// package's bin) and dist/index.js (action.yml's main) are one-line entry points into them. Each bundle folder
// also gets licenses.txt: the name, version, licence and full licence text of every npm package inside it.
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { bundledPackageDirs, thirdPartyLicensesText } from './third-party-licenses.mjs';

const node = process.execPath;
const run = (args) => execFileSync(node, args, { stdio: 'inherit' });

rmSync('build', { recursive: true, force: true });
run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const entries = [
  // The CLI turns on Node's compile cache first (Node 22.1 and later; a no-op before): a repeated run loads the
  // bundle's compiled code instead of compiling it again (Node 24, --version: ~0.15 -> ~0.12 s). The Action does
  // not: every run starts on a fresh runner, where the cache would only be written.
  { name: 'cli', source: 'build/cli/bin.js', launcher: 'cli.js', shebang: true, compileCache: true },
  { name: 'action', source: 'build/action/index.js', launcher: 'index.js', shebang: false, compileCache: false },
];
for (const { name, source, launcher, shebang, compileCache } of entries) {
  const tmp = join('.tmp', `ncc-${name}`);
  // Webpack's stats name the file of every bundled module: the licence file is built from them. They stay
  // outside the output folder (10 MB that the runner does not need).
  const stats = resolve('.tmp', `ncc-${name}.stats.json`);
  rmSync(tmp, { recursive: true, force: true });
  run(['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', source, '-o', tmp, '--quiet', '--stats-out', stats]);
  for (const file of readdirSync(tmp)) cpSync(join(tmp, file), join('dist', name, file), { recursive: true });
  const packages = bundledPackageDirs(JSON.parse(readFileSync(stats, 'utf8')));
  writeFileSync(join('dist', name, 'licenses.txt'), thirdPartyLicensesText(packages, `dist/${name}/`));
  const body = compileCache
    ? `import module from 'node:module';\n\nmodule.enableCompileCache?.();\nawait import('./${name}/index.js');\n`
    : `import './${name}/index.js';\n`;
  writeFileSync(join('dist', launcher), `${shebang ? '#!/usr/bin/env node\n' : ''}${body}`);
  if (shebang) chmodSync(join('dist', launcher), 0o755);
}
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }, null, 2) + '\n');
console.log('dist/ rebuilt');
