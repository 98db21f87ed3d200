import type { Dispatcher } from 'undici';
import { emojiImage, fetchImage, stickerImage } from '../discord/cdn.js';
import type { GuildExport } from '../schema/types.js';

/** One kept image: its path inside export.zip and its bytes. */
export interface KeptImage {
  name: string;
  data: Buffer;
}

/** Discord allows 256 KiB per emoji and 512 KiB per sticker; anything far past that is not an image to keep. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** All images of one export together (about 500 emojis and 60 stickers at most, usually a few MiB). */
export const MAX_IMAGES_TOTAL_BYTES = 128 * 1024 * 1024;
const CONCURRENCY = 4;

export interface KeepImagesOptions {
  dispatcher: Dispatcher;
  /** Replaces Discord's CDN hosts (the demo's fake); null for Discord's own. */
  cdnBase: string | null;
  timeoutMs: number;
  maxBytes?: number;
  maxTotalBytes?: number;
}

/**
 * The images of the exported emojis and stickers, for export.zip (so a restore can upload them again). Each image
 * that cannot be fetched makes its collector partial, with the ids it left out; the others are kept. Nothing here
 * goes into the committed snapshot.
 */
export async function keepImages(exp: GuildExport, options: KeepImagesOptions): Promise<KeptImage[]> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  let budget = options.maxTotalBytes ?? MAX_IMAGES_TOTAL_BYTES;
  const wanted: { collector: 'emojis' | 'stickers'; id: string; url: string; file: string }[] = [];
  if (collected(exp, 'emojis')) {
    for (const e of exp.emojis) wanted.push({ collector: 'emojis', id: e.id, ...emojiImage(e.id, e.animated, options.cdnBase) });
  }
  if (collected(exp, 'stickers')) {
    for (const s of exp.stickers) {
      const image = stickerImage(s.id, s.format_type, options.cdnBase);
      if (image) wanted.push({ collector: 'stickers', id: s.id, ...image });
    }
  }
  const kept: KeptImage[] = [];
  const failed = { emojis: [] as string[], stickers: [] as string[] };
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = wanted[next++]; item; item = wanted[next++]) {
      try {
        if (budget <= 0) throw new Error('the size budget for images was used up');
        const data = await fetchImage(item.url, { dispatcher: options.dispatcher, timeoutMs: options.timeoutMs, maxBytes: Math.min(maxBytes, budget) });
        budget -= data.length;
        kept.push({ name: item.file, data });
      } catch (err) {
        failed[item.collector].push(`${item.id} (${(err as Error).message})`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  for (const collector of ['emojis', 'stickers'] as const) recordFailures(exp, collector, failed[collector]);
  // In the order of the export, whatever order the answers came in: the same server gives the same ZIP.
  const order = new Map(wanted.map((w, i) => [w.file, i]));
  return kept.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
}

function collected(exp: GuildExport, collector: 'emojis' | 'stickers'): boolean {
  const status = exp.meta.collectors[collector]?.status;
  return status === 'ok' || status === 'partial';
}

function recordFailures(exp: GuildExport, collector: 'emojis' | 'stickers', failures: string[]): void {
  if (failures.length === 0) return;
  const record = exp.meta.collectors[collector];
  if (record) record.status = 'partial';
  const shown = failures.slice(0, 5).join(', ') + (failures.length > 5 ? `, and ${failures.length - 5} more` : '');
  exp.errors.push({
    collector, status: 'partial', code: 'IMAGE_NOT_KEPT', http_status: null,
    message: `${failures.length} ${collector === 'emojis' ? 'emoji' : 'sticker'} image(s) could not be fetched from Discord's CDN and are not in export.zip: ${shown}. The rest of the export is complete.`,
    hint: 'Run the export again to keep them; a restore recreates the others and names the ones it has no image for.',
  });
}
