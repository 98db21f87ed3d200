import type { ExportChannel } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { PHASE } from './types.js';

const VOICE_LIKE = new Set([2, 13]);

/** Discord orders text-like and voice-like channels apart within each parent: compare order in those groups. */
function groupOf(parent: string | null, type: number): string {
  return `${parent ?? 'top'}:${type === 4 ? 'category' : VOICE_LIKE.has(type) ? 'voice' : 'text'}`;
}

/**
 * One bulk position call (PATCH /guilds/{g}/channels) when a channel is created or the live order within a
 * parent differs from the source's; it sends the source's positions for every channel the source has.
 */
export function planChannelPositions(ctx: PlanContext, source: ExportChannel[]): void {
  const restored = source.filter((c) => ctx.missing('channel', c.id) === null);
  const groups = new Map<string, { source: ExportChannel; livePosition: number | null; liveId: string | null }[]>();
  let creates = 0;
  for (const c of restored) {
    const liveId = ctx.liveId('channel', c.id);
    const live = liveId ? ctx.live.channels.find((l) => l.id === liveId) : undefined;
    if (!live) creates++;
    const key = groupOf(c.category, c.type);
    groups.set(key, [...(groups.get(key) ?? []), { source: c, livePosition: live ? ((live.position as number | undefined) ?? 0) : null, liveId }]);
  }
  const moved: string[] = [];
  for (const members of groups.values()) {
    const bySource = [...members].sort((a, b) => a.source.position - b.source.position || (a.source.id < b.source.id ? -1 : 1));
    const byLive = [...members].filter((m) => m.livePosition !== null).sort((a, b) => a.livePosition! - b.livePosition! || (a.liveId! < b.liveId! ? -1 : 1));
    const sourceOrder = bySource.filter((m) => m.livePosition !== null);
    byLive.forEach((m, i) => {
      if (m !== sourceOrder[i]) moved.push(m.source.name);
    });
  }
  if (creates === 0 && moved.length === 0) return;
  const op = {
    action: 'update' as const, kind: 'positions' as const, name: 'channel order', id: ctx.live.guild.id, match: 'id' as const,
    changes: { channels: { before: moved.length > 0 ? `${moved.length} out of order` : 'in order', after: `${restored.length} in the source's order` } },
  };
  const reason = ctx.guards.lacks('ManageChannels');
  if (reason) {
    ctx.add({ ...op, action: 'skip', reason }, PHASE.channelPositions);
    return;
  }
  ctx.add(op, PHASE.channelPositions, {
    run: async (x) => {
      const body = restored.flatMap((c) => {
        const id = x.maybeId('channel', c.id);
        return id ? [{ id, position: c.position }] : [];
      });
      if (body.length > 0) await x.write('PATCH', `/guilds/${x.guildId}/channels`, body);
    },
  });
}
