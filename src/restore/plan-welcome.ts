import { notCollected } from '../schema/coverage.js';
import type { PlanContext } from './context.js';
import { changedFields } from './fields.js';
import { emojiId, needsOf, refsOf } from './refs.js';
import { PHASE, type ExecContext } from './types.js';

/** Why a Community-only section cannot be written here, or null when it can. */
export function communityOnly(ctx: PlanContext, what: string): string | null {
  return (ctx.live.guild.features ?? []).includes('COMMUNITY' as never) ? null
    : `only a Community server has ${what}: enable Community in Server Settings > Enable Community, then run again`;
}

/** The welcome screen: its description and channels (ids remapped), written in one PATCH when they differ. */
export function planWelcome(ctx: PlanContext): void {
  const exp = ctx.source.export;
  const screen = exp.welcome_screen;
  // Not collected, or none in the source (Discord has no way to remove one): the live screen stays as it is.
  if (notCollected(exp, 'welcome_screen') !== null || !screen || !Array.isArray(screen.channels)) return;
  const id = ctx.live.guild.id;
  const channels = refsOf(ctx, 'channel', screen.channels.map((c) => c.channel_id));
  const emoji = (c: (typeof screen.channels)[number]) => {
    const liveEmoji = emojiId(ctx, c.emoji_id);
    // A custom emoji that is gone leaves the channel without one rather than naming an emoji Discord does not know.
    return c.emoji_id && !liveEmoji ? { emoji_id: null, emoji_name: null } : { emoji_id: liveEmoji, emoji_name: c.emoji_name ?? null };
  };
  const wanted = {
    description: screen.description ?? null,
    welcome_channels: screen.channels.map((c) => ({ channel_id: ctx.liveId('channel', c.channel_id) ?? `new:${c.channel_id}`, description: c.description, ...emoji(c) })),
  };
  const current = ctx.live.welcome
    ? { description: ctx.live.welcome.description ?? null, welcome_channels: (ctx.live.welcome.welcome_channels ?? []).map((c) => ({ channel_id: c.channel_id, description: c.description, emoji_id: c.emoji_id ?? null, emoji_name: c.emoji_name ?? null })) }
    : {};
  const changes = changedFields(current, wanted);
  if (Object.keys(changes).length === 0) return;
  const op = { action: 'update' as const, kind: 'welcome-screen' as const, name: 'welcome screen', id, match: 'id' as const, changes };
  const reason = communityOnly(ctx, 'a welcome screen') ?? ctx.guards.lacks('ManageGuild')
    ?? (ctx.live.welcome === undefined ? 'the bot cannot read the welcome screen: give its role Manage Server, then run again' : null)
    ?? (channels.lost[0] ? `a welcome channel cannot be restored: ${channels.lost[0].reason}` : null);
  if (reason) return void ctx.add({ ...op, action: 'skip', reason }, PHASE.references);
  const body = (x: ExecContext) => ({
    description: wanted.description,
    welcome_channels: screen.channels.map((c, i) => ({ ...wanted.welcome_channels[i], channel_id: x.id('channel', c.channel_id) })),
  });
  ctx.add(op, PHASE.references, { needs: needsOf(ctx, channels), run: (x) => x.write('PATCH', `/guilds/${x.guildId}/welcome-screen`, body(x)).then(() => undefined) });
}
