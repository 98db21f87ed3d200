import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import { guild, role } from '../permissions/guild-fixture.js';

let dir: string;
const MODS = '200000000000000001';

async function run(...argv: string[]) {
  return runCli(['diff', ...argv]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dse-diff-'));
  const before = guild(['ViewChannel'], [role(MODS, 'Mods', ['KickMembers'])]);
  const after = structuredClone(before);
  after.roles[1].permissions = bitsOf(['KickMembers', 'Administrator']).toString();
  await writeFile(join(dir, 'old.json'), JSON.stringify(before));
  await writeFile(join(dir, 'new.json'), JSON.stringify(after));
  // The committed snapshot form: no members, invites without codes.
  const snapshot = { ...structuredClone(after), members: [], invites: [{ channel: null, max_age: 0, max_uses: 0, temporary: false }] };
  await writeFile(join(dir, 'snapshot.json'), JSON.stringify(snapshot));
  await writeFile(join(dir, 'broken.json'), '{"roles": [');
  await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('diff command', () => {
  it('prints the changes as plain text by default and exits 0', async () => {
    const r = await run(join(dir, 'old.json'), join(dir, 'new.json'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('! [critical] role Mods: gained Administrator');
    expect(r.stdout).not.toContain('**');
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('prints GitHub Markdown with --markdown', async () => {
    const r = await run(join(dir, 'old.json'), join(dir, 'new.json'), '--markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- `critical` role **Mods**: gained Administrator');
    expect((await run(join(dir, 'old.json'), join(dir, 'new.json'), '--markdown', '--json')).code).toBe(64);
  });

  it('--exit-code exits 1 when something changed and 0 when nothing did', async () => {
    const changed = await run(join(dir, 'old.json'), join(dir, 'new.json'), '--exit-code');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('gained Administrator');
    expect((await run(join(dir, 'old.json'), join(dir, 'old.json'), '--exit-code')).code).toBe(0);
    expect((await run(join(dir, 'old.json'), join(dir, 'new.json'), '--exit-code', '--json')).code).toBe(1);
  });

  it('--fail-on exits 1 only for a change at that severity or above, or for any escalation', async () => {
    const critical = [join(dir, 'old.json'), join(dir, 'new.json')];
    expect((await run(...critical, '--fail-on', 'critical')).code).toBe(1);
    expect((await run(...critical, '--fail-on', 'high')).code).toBe(1);
    expect((await run(...critical, '--fail-on', 'any-escalation')).code).toBe(1);
    // new.json -> snapshot.json adds only an invite that never expires: not critical, not an escalation of access.
    const invite = [join(dir, 'new.json'), join(dir, 'snapshot.json')];
    const invites = JSON.parse((await run(...invite, '--json')).stdout);
    expect(invites.counts.critical).toBe(0);
    expect((await run(...invite, '--fail-on', 'critical')).code).toBe(0);
    expect((await run(join(dir, 'old.json'), join(dir, 'old.json'), '--fail-on', 'any-escalation')).code).toBe(0);
    const bad = await run(...critical, '--fail-on', 'severe');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--fail-on takes critical, high, medium, low, any-escalation; got "severe"');
  });

  it('documents --exit-code, --fail-on and the exit statuses in its help', async () => {
    const help = (await run('--help')).stdout;
    expect(help).toContain('--exit-code');
    expect(help).toContain('--fail-on LEVEL');
    expect(help).toMatch(/Exit status: 0 compared[^]*1 with --exit-code/);
  });

  it('prints JSON with --json', async () => {
    const r = await run(join(dir, 'old.json'), join(dir, 'new.json'), '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.escalations).toBe(1);
    expect(parsed.changes[0]).toMatchObject({ kind: 'permissions_gained', id: MODS, escalation: true });
  });

  it('accepts a leading "diff" word and the snapshot.json form', async () => {
    const r = await run('diff', join(dir, 'new.json'), join(dir, 'snapshot.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('invites to no channel: 1 new invite: never expires, unlimited uses');
  });

  it('reports no changes for the same file twice', async () => {
    const r = await run(join(dir, 'old.json'), join(dir, 'old.json'));
    expect(r).toEqual({
      code: 0, stderr: '',
      stdout: 'No configuration changes.\n\nNever compared (they change with activity, not configuration): member list, member counts, ban count, forum post counts.\n',
    });
  });

  it('explains a missing file once (exit 66)', async () => {
    const r = await run(join(dir, 'nope.json'), join(dir, 'new.json'));
    expect(r.code).toBe(66);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: Cannot read [^\n]*nope\.json: ENOENT\. [^\n]*\n$/);
  });

  it('explains invalid JSON and a JSON file that is not an export', async () => {
    const broken = await run(join(dir, 'broken.json'), join(dir, 'new.json'));
    expect(broken.code).toBe(66);
    expect(broken.stderr).toContain('broken.json is not valid JSON');
    const other = await run(join(dir, 'old.json'), join(dir, 'other.json'));
    expect(other.code).toBe(66);
    expect(other.stderr).toContain('other.json does not look like an export');
  });

  it('shows usage on wrong arguments (exit 64, like every command) and on --help (exit 0)', async () => {
    const one = await run(join(dir, 'old.json'));
    expect(one.code).toBe(64);
    expect(one.stderr).toContain('diff needs two files, got 1.');
    expect(one.stderr).toContain('Usage: discord-server-exporter diff');
    const bad = await run(join(dir, 'old.json'), join(dir, 'new.json'), '--yaml');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/Unknown option '--yaml'.*diff --help/);
    expect((await run(join(dir, 'old.json'), join(dir, 'new.json'), '--json=')).code).toBe(64);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
  });

  it('warns when the two files are from different servers', async () => {
    const other = guild([]);
    other.server!.id = '100000000000000777';
    await writeFile(join(dir, 'elsewhere.json'), JSON.stringify(other));
    const r = await run(join(dir, 'old.json'), join(dir, 'elsewhere.json'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning:');
  });
});
