/**
 * What the bundled Action prints and writes, as a user reads it in the job log and summary: progress inside groups,
 * annotations whose level matches the step's outcome, a summary with run details and the snapshot link, and outside
 * text that never becomes a workflow command. Build dist/ first: npm run bundle.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github/index.js';
import { DEMO_GUILD_ID } from '../../src/fake-discord/index.js';
import { ACTION_ENTRY, runAction, visibleLog } from './action-harness.js';

const node = process.execPath;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function github(): Promise<FakeGitHub> {
  const fake = await startFakeGitHub();
  cleanups.push(() => fake.close());
  return fake;
}

/** Lines the runner would read as workflow commands (`::name ...::` or `##[name]` at the start of a line). */
function commands(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^::[a-z-]+/.test(line) || /^##\[/.test(line));
}

describe.skipIf(!existsSync(ACTION_ENTRY))('the action\'s log and summary (bundled)', () => {
  it('prints each collector inside an export group, then compare, commit and artifact groups; writes a summary with run details and the snapshot link', async () => {
    const gh = await github();
    const run = await runAction({ node, github: gh, inputs: { demo: 'true', 'github-token': gh.token, commit: 'push', 'on-regression': 'none' } });
    expect(run.code, visibleLog(run)).toBe(0);
    const out = run.stdout;
    const groups = [...out.matchAll(/^::group::(.*)$/gm)].map((m) => m[1]);
    expect(groups).toEqual(['Export the Discord server', 'Compare with the last snapshot', 'Commit the snapshot', 'Upload the artifact']);
    const exportGroup = out.slice(out.indexOf('::group::Export'), out.indexOf('::endgroup::'));
    expect(exportGroup).toMatch(/^roles: done \(\d+\)$/m);
    expect(exportGroup).toMatch(/^members: done \(1,400\)$/m);
    expect(exportGroup).toMatch(/^channels: done \(\d+\)$/m);
    expect(out.match(/^::endgroup::$/gm)).toHaveLength(4);

    const sha = run.outputs['commit-sha'];
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    const dir = `discord-snapshots/${DEMO_GUILD_ID}`;
    expect(run.summary).toContain(`- Snapshot: [${dir}/snapshot.md](https://github.com/${gh.owner}/${gh.repo}/blob/${sha}/${dir}/snapshot.md)`);
    expect(run.summary).toMatch(/### Run details\n\n- Duration: [\d.]+ s\n- Discord requests: \d+\n- Members: 1,400\n/);
    expect(run.summary).toMatch(/<details><summary>Other checks: passing \(\d+\)/);
    expect(run.summary).not.toMatch(/\n\n\n/);
    expect(gh.violations).toEqual([]);
  });

  it('annotates a critical finding as a warning while the step passes, as an error when it fails', async () => {
    // With the default threshold: the demo guild passes it.
    const passing = await runAction({ node, inputs: { demo: 'true', commit: 'none' } });
    expect(passing.code, visibleLog(passing)).toBe(0);
    expect(passing.stdout).toMatch(/^::warning title=Discord health \[critical\]/m);
    expect(passing.stdout).not.toMatch(/^::error/m);

    const failing = await runAction({ node, inputs: { demo: 'true', commit: 'none', 'health-threshold': '99', 'on-regression': 'fail' } });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^::error title=Discord health \[critical\]/m);
    expect(failing.stdout).toMatch(/^::warning title=Discord health \[high\]/m);
    expect(failing.stdout).toMatch(/^::error::The health score [\d.]+ is below the threshold of 99/m);
  });

  it('never lets a Discord error message issue workflow commands on the fatal path', async () => {
    const hostile = 'Unknown Guild\n::error title=pwned::injected\n::stop-commands::endtoken\n##[error]old style\r\n::add-mask::x';
    const server: Server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: hostile, code: 10004 }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    const run = await runAction({
      node,
      inputs: {
        'discord-token': 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Hostile.test-token-value', 'guild-id': '123456789012345678',
        'api-base': `http://127.0.0.1:${(server.address() as AddressInfo).port}`, commit: 'none', 'on-regression': 'none',
      },
    });
    expect(run.code).toBe(1);
    const issued = commands(run.stdout).map((line) => /^(::[a-z-]+|##\[[a-z]+)/.exec(line)![1]);
    // Only the Action's own commands: the token mask, its groups and the one failure.
    expect(new Set(issued)).toEqual(new Set(['::add-mask', '::group', '::endgroup', '::error']));
    expect(run.stdout.match(/^::add-mask::/gm)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/^::stop-commands::/m);
    expect(run.stdout).not.toMatch(/^::error title=pwned/m);
    // The message is still there for a human to read, on one line.
    expect(run.stdout).toMatch(/^::error::The export failed: .*Unknown Guild .*error title=pwned.*injected/m);
    expect(run.summary).toContain('Unknown Guild');
    expect(run.summary).not.toContain('\n::error');
  });

  it('keeps the artifact library out of the start-up bundle: it loads only when an upload happens', () => {
    const dir = join(ACTION_ENTRY, '..', 'action');
    const main = readFileSync(join(dir, 'index.js'), 'utf8');
    expect(main).not.toContain('BlockBlobClient');
    const chunks = readdirSync(dir).filter((f) => /^\d+\.index\.js$/.test(f));
    expect(chunks.some((f) => readFileSync(join(dir, f), 'utf8').includes('BlockBlobClient'))).toBe(true);
  });
});
