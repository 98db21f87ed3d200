import { notCollected } from '../schema/coverage.js';
import type { ExportEmoji } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { liveIds, needsOf, refsOf } from './refs.js';
import { PHASE } from './types.js';

/** Emoji slots per boost tier, static and animated each (emoji.mdx). */
const SLOTS = [50, 100, 150, 250];
/** Discord refuses an emoji image over 256 KiB. */
const MAX_BYTES = 256 * 1024;
const MIME: Record<string, string> = { png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

/** Missing emojis created from the images an export.zip keeps; stickers are listed as skips (uploaded by hand). */
export function planEmojis(ctx: PlanContext): void {
  const exp = ctx.source.export;
  const liveEmojis = ctx.live.guild.emojis ?? [];
  if (notCollected(exp, 'emojis') === null) {
    const names = new Set(liveEmojis.map((e) => e.name));
    const ids = new Set(liveEmojis.map((e) => e.id));
    const slots = SLOTS[ctx.live.guild.premium_tier ?? 0] ?? SLOTS[0];
    const used = { static: liveEmojis.filter((e) => !e.animated).length, animated: liveEmojis.filter((e) => e.animated).length };
    for (const emoji of Array.isArray(exp.emojis) ? exp.emojis : []) {
      if (ids.has(emoji.id) || names.has(emoji.name)) continue;
      const kind = emoji.animated ? 'animated' : 'static';
      const reason = planEmoji(ctx, emoji, used[kind] >= slots ? `the server has its ${slots} ${kind} emoji slots in use: delete some or boost the server, then run again` : null);
      if (!reason) used[kind]++;
    }
  }
  if (notCollected(exp, 'stickers') === null) {
    const live = new Set((ctx.live.guild.stickers ?? []).map((s) => s.name));
    for (const sticker of Array.isArray(exp.stickers) ? exp.stickers : []) {
      if (live.has(sticker.name)) continue;
      ctx.add({ action: 'skip', kind: 'sticker', name: sticker.name, id: sticker.id, match: 'new', reason: 'stickers are not restored: upload it again in Server Settings > Stickers' }, PHASE.references);
    }
  }
}

/** Plans one emoji's create; returns why it is skipped, or null when it is planned. */
function planEmoji(ctx: PlanContext, emoji: ExportEmoji, full: string | null): string | null {
  const image = imageOf(ctx, emoji.id);
  const roles = refsOf(ctx, 'role', emoji.roles);
  const op = { action: 'create' as const, kind: 'emoji' as const, name: emoji.name, id: emoji.id, match: 'new' as const };
  const reason = emoji.managed ? 'Discord manages this emoji for an integration: connect that integration again'
    : !image ? 'image not in the export: export with --keep-images (and the zip format), then restore from that export.zip'
      : image.data.length > MAX_BYTES ? 'its image is larger than Discord\'s 256 KiB limit for emojis: upload a smaller one by hand'
        : !/^\w{2,32}$/.test(emoji.name) ? 'its name is not one Discord accepts (2-32 letters, digits or underscores): upload it by hand'
          : ctx.guards.lacks('ManageGuildExpressions') ?? full;
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, PHASE.references);
    return reason;
  }
  const uri = `data:${image!.mime};base64,${image!.data.toString('base64')}`;
  const note = roles.lost.length ? { reason: `restricted to fewer roles: ${roles.lost.map((l) => `${l.id} (${l.reason})`).join('; ')}` } : {};
  ctx.add({ ...op, ...note }, PHASE.references, {
    needs: needsOf(ctx, roles),
    run: (x) => x.write('POST', `/guilds/${x.guildId}/emojis`, { name: emoji.name, image: uri, ...(roles.kept.length ? { roles: liveIds(x, roles) } : {}) }).then(() => undefined),
  });
  return null;
}

function imageOf(ctx: PlanContext, id: string): { data: Buffer; mime: string } | null {
  for (const [ext, mime] of Object.entries(MIME)) {
    const data = ctx.source.images.get(`images/emojis/${id}.${ext}`);
    if (data) return { data, mime };
  }
  return null;
}
