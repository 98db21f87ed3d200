// Builds dist/: tsc compiles src/ to build/ (ncc cannot drive TypeScript 7, and plain JS bundles the same
// everywhere), then ncc bundles each entry. dist/cli.js is the CLI, dist/index.js the Action.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const node = process.execPath;
const run = (args) => execFileSync(node, args, { stdio: 'inherit' });

rmSync('build', { recursive: true, force: true });
run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const entries = { cli: 'build/cli/main.js', index: 'build/action/index.js' };
for (const [name, entry] of Object.entries(entries)) {
  const tmp = join('.tmp', `ncc-${name}`);
  rmSync(tmp, { recursive: true, force: true });
  run(['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', tmp, '--quiet', '--license', 'licenses.txt']);
  for (const file of readdirSync(tmp)) {
    const target = file === 'index.js' || file === 'index.mjs' ? `${name}.js` : file === 'licenses.txt' ? `${name}.licenses.txt` : file;
    cpSync(join(tmp, file), join('dist', target), { recursive: true });
  }
}
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }, null, 2) + '\n');
console.log('dist/ rebuilt');
