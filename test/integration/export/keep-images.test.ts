import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { fakeImageBytes } from '../../../src/fake-discord/cdn.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

/** Every entry of a ZIP (CRC-checked by Python's zipfile, an independent reader), as bytes. */
function zipEntries(path: string): Map<string, Buffer> {
  const script = 'import zipfile,sys,json,base64\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n'
    + 'print(json.dumps([[n, base64.b64encode(z.read(n)).decode()] for n in z.namelist()]))';
  const out = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as [string, string][];
  return new Map(out.map(([n, b]) => [n, Buffer.from(b, 'base64')]));
}

describe('--keep-images', () => {
  const guild = generateGuild({ seed: 91, members: 6, emojis: 4, stickers: 2 });
  guild.stickers[1].format_type = 4; // a GIF sticker
  const ctx = useFakeDiscord([guild]);
  const env = () => ({ ...ctx.env(), DISCORD_CDN_BASE: ctx.fake.url });
  const args = (out: string, ...more: string[]) => ['export', '--guild', guild.guild.id, '--out', out, '--members', 'none',
    '--only', 'emojis,stickers', '--quiet', ...more];

  it('keeps each emoji and sticker image in export.zip, and only there', async () => {
    const out = join(ctx.dir, 'kept');
    const run = await runCli(args(out, '--keep-images'), env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const entries = zipEntries(join(out, 'export.zip'));
    const emojis = guild.guild.emojis.map((e) => `images/emojis/${e.id}.${e.animated ? 'gif' : 'png'}`);
    const stickers = [`images/stickers/${guild.stickers[0].id}.png`, `images/stickers/${guild.stickers[1].id}.gif`];
    expect([...entries.keys()].filter((n) => n.startsWith('images/')).sort()).toEqual([...emojis, ...stickers].sort());
    for (const e of guild.guild.emojis) expect(entries.get(emojis[guild.guild.emojis.indexOf(e)])).toEqual(fakeImageBytes(e.id!));
    // Never beside the other files (the folder the Action commits).
    expect(readdirSync(out).sort()).toEqual(['audit-prompt.md', 'export.json', 'export.zip', 'snapshot.json', 'snapshot.md']);
    expect(existsSync(join(out, 'images'))).toBe(false);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as { errors: unknown[] };
    expect(exp.errors).toEqual([]);
  });

  it('is off by default: no image is fetched', async () => {
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'default');
    expect((await runCli(args(out), env())).code).toBe(0);
    expect([...zipEntries(join(out, 'export.zip')).keys()].some((n) => n.startsWith('images/'))).toBe(false);
    expect(Object.keys(ctx.fake.stats().byRoute).filter((r) => /emojis\/|stickers\//.test(r))).toEqual([]);
  });

  it('an image that cannot be fetched makes its collector partial and leaves the others in', async () => {
    // The CDN fails one sticker request; everything else is fetched as before.
    ctx.fake.setFaults([{ route: 'GET /stickers/:id.gif', kind: 'status', status: 503, times: 1 }]);
    const out = join(ctx.dir, 'partial');
    const run = await runCli(args(out, '--keep-images'), env());
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as {
      meta: { collectors: Record<string, { status: string }> }; errors: { collector: string; status: string; code: string; message: string }[] };
    expect(exp.meta.collectors).toMatchObject({ emojis: { status: 'ok' }, stickers: { status: 'partial' } });
    const gif = guild.stickers[1].id;
    expect(exp.errors).toEqual([expect.objectContaining({ collector: 'stickers', status: 'partial', code: 'IMAGE_NOT_KEPT' })]);
    expect(exp.errors[0].message).toBe(`1 sticker image(s) could not be fetched from Discord's CDN and are not in export.zip: ${gif} (HTTP 503). The rest of the export is complete.`);
    // The stickers themselves are exported; only the image is missing.
    expect(JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')).stickers).toHaveLength(2);
    const names = [...zipEntries(join(out, 'export.zip')).keys()].filter((n) => n.startsWith('images/'));
    expect(names).toHaveLength(guild.guild.emojis.length + 1);
    expect(names).not.toContain(`images/stickers/${gif}.gif`);
  });

  it('works with --demo: the demo\'s fake serves the CDN too', async () => {
    const out = join(ctx.dir, 'demo');
    const run = await runCli(['export', '--demo', '--keep-images', '--out', out, '--members', 'none', '--only', 'emojis,stickers', '--quiet'], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const names = [...zipEntries(join(out, 'export.zip')).keys()].filter((n) => n.startsWith('images/'));
    expect(names.filter((n) => n.startsWith('images/emojis/'))).toHaveLength(8);
    expect(names.filter((n) => n.startsWith('images/stickers/'))).toHaveLength(3);
  });

  it('bounds each image: a body past the limit is dropped and named', async () => {
    const { keepImages } = await import('../../../src/pipeline/keep-images.js');
    const { Agent } = await import('undici');
    const { emptyExport } = await import('../../../src/schema/empty.js');
    const exp = emptyExport(guild.guild.id);
    exp.meta.collectors.emojis = { status: 'ok', count: 1, duration_ms: 0 };
    const emoji = guild.guild.emojis[0];
    exp.emojis = [{ id: emoji.id!, name: 'x', animated: emoji.animated === true, managed: false, available: true, roles: [] }];
    const agent = new Agent();
    try {
      const kept = await keepImages(exp, { dispatcher: agent, cdnBase: ctx.fake.url, timeoutMs: 5000, maxBytes: 4 });
      expect(kept).toEqual([]);
      expect(exp.meta.collectors.emojis.status).toBe('partial');
      expect(exp.errors[0].message).toContain(`${emoji.id} (larger than 4 bytes)`);
    } finally {
      await agent.close();
    }
  });
});
