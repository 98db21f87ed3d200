import { request, type Dispatcher } from 'undici';

/** Discord's CDN, and the media proxy that serves GIF stickers (they are not on the CDN). */
export const DISCORD_CDN = 'https://cdn.discordapp.com';
export const DISCORD_MEDIA = 'https://media.discordapp.net';

/** Sticker format_type -> extension: 1 PNG, 2 APNG (served as .png), 3 Lottie (.json), 4 GIF. */
const STICKER_EXT: Record<number, string> = { 1: 'png', 2: 'png', 3: 'json', 4: 'gif' };

/**
 * Where an emoji's or sticker's image is, and the file name it is kept under. `cdnBase` replaces both of Discord's
 * hosts (the demo's and the tests' fake serves the same paths); null for a sticker format Discord serves no file for.
 */
export function emojiImage(id: string, animated: boolean, cdnBase: string | null): { url: string; file: string } {
  const ext = animated ? 'gif' : 'png';
  return { url: `${cdnBase ?? DISCORD_CDN}/emojis/${id}.${ext}`, file: `images/emojis/${id}.${ext}` };
}

export function stickerImage(id: string, formatType: number, cdnBase: string | null): { url: string; file: string } | null {
  const ext = STICKER_EXT[formatType];
  if (!ext) return null;
  const host = cdnBase ?? (ext === 'gif' ? DISCORD_MEDIA : DISCORD_CDN);
  return { url: `${host}/stickers/${id}.${ext}`, file: `images/stickers/${id}.${ext}` };
}

/** Why an image could not be kept, for the collector's partial notice. */
export class ImageFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFetchError';
  }
}

/**
 * GETs one image through `dispatcher` (the run's connections, proxy included), bounded in time and in size: a body
 * past `maxBytes` is dropped, never read to its end.
 */
export async function fetchImage(url: string, options: { dispatcher: Dispatcher; timeoutMs: number; maxBytes: number }): Promise<Buffer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, { dispatcher: options.dispatcher, signal: deadline });
  } catch (err) {
    throw new ImageFetchError(deadline.aborted ? `no answer within ${options.timeoutMs} ms` : (err as Error).message);
  }
  const drop = () => res.body.on('error', () => undefined).destroy();
  if (res.statusCode !== 200) {
    drop();
    throw new ImageFetchError(`HTTP ${res.statusCode}`);
  }
  const tooLarge = () => new ImageFetchError(`larger than ${options.maxBytes} bytes`);
  if (Number(res.headers['content-length']) > options.maxBytes) {
    drop();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) {
        drop();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof ImageFetchError) throw err;
    throw new ImageFetchError(deadline.aborted ? `no complete answer within ${options.timeoutMs} ms` : (err as Error).message);
  }
  return Buffer.concat(chunks, size);
}
