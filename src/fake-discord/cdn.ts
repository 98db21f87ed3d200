import type { FakeGuild } from './types.js';

/** Image bytes the fake CDN serves for an emoji or sticker: a PNG signature and the id, enough to tell them apart. */
export function fakeImageBytes(id: string): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`fake image ${id}`)]);
}

const CDN_PATH = /^\/(emojis|stickers)\/(\d{17,20})\.(png|gif|webp|json)$/;

/**
 * Discord's CDN paths (/emojis/{id}.{ext}, /stickers/{id}.{ext}) for the guilds' emojis and stickers: no token
 * needed, as at Discord. Null when `pathname` is not a CDN path.
 */
export function cdnAnswer(pathname: string, guilds: Iterable<FakeGuild>): { status: number; headers: Record<string, string>; body: Buffer } | null {
  const m = CDN_PATH.exec(pathname);
  if (!m) return null;
  const [, kind, id, ext] = m;
  const known = [...guilds].some((g) => kind === 'emojis' ? g.guild.emojis.some((e) => e.id === id) : g.stickers.some((s) => s.id === id));
  if (!known) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('404: Not Found') };
  const type = ext === 'json' ? 'application/json' : `image/${ext}`;
  return { status: 200, headers: { 'Content-Type': type }, body: fakeImageBytes(id) };
}
