import { notCollected } from '../schema/coverage.js';
import type { PlanContext } from './context.js';
import { bodyOf, changedFields } from './fields.js';
import { PHASE, type FieldChange } from './types.js';

const PLAIN = [
  'name', 'description', 'verification_level', 'default_message_notifications', 'explicit_content_filter', 'afk_timeout',
  'preferred_locale', 'premium_progress_bar_enabled',
] as const;
const CHANNELS = ['afk_channel_id', 'system_channel_id', 'rules_channel_id', 'public_updates_channel_id', 'safety_alerts_channel_id'] as const;
/** Settings only a Community server has. */
const COMMUNITY_ONLY = new Set(['rules_channel_id', 'public_updates_channel_id', 'safety_alerts_channel_id']);

/** Server settings: those naming nothing first; those naming channels once the channels exist. */
export function planSettings(ctx: PlanContext): void {
  const server = ctx.source.export.server;
  const why = notCollected(ctx.source.export, 'server');
  if (why !== null || !server) {
    ctx.add({ action: 'skip', kind: 'settings', name: 'server settings', id: ctx.live.guild.id, match: 'id', reason: `the server settings were not collected in the source (${why ?? 'missing'}): live settings are left alone` }, PHASE.settings);
    return;
  }
  const live = ctx.live.guild as unknown as Record<string, unknown>;
  const match = server.id === ctx.live.guild.id ? 'id' as const : 'name' as const;
  const plain = changedFields(live, Object.fromEntries(PLAIN.map((k) => [k, (server as unknown as Record<string, unknown>)[k]])));
  const lacks = ctx.guards.lacks('ManageGuild');
  if (Object.keys(plain).length > 0) {
    const op = { action: 'update' as const, kind: 'settings' as const, name: 'server settings', id: ctx.live.guild.id, match, changes: plain };
    if (lacks) ctx.add({ ...op, action: 'skip', reason: lacks }, PHASE.settings);
    else ctx.add(op, PHASE.settings, { run: (x) => x.write('PATCH', `/guilds/${x.guildId}`, bodyOf(plain)).then(() => undefined) });
  }
  const community = (ctx.live.guild.features ?? []).includes('COMMUNITY' as never);
  const refs: Record<string, FieldChange> = {};
  const sources: Record<string, string | null> = {};
  for (const key of CHANNELS) {
    const wanted = (server as unknown as Record<string, string | null | undefined>)[key];
    if (wanted === undefined) continue;
    const current = (live[key] as string | null | undefined) ?? null;
    const reason = wanted === null ? null
      : COMMUNITY_ONLY.has(key) && !community ? 'only a Community server has it: enable Community in Server Settings, then run again'
        : ctx.missing('channel', wanted);
    if (reason) {
      if (!(ctx.live.guild.id === server.id && current === wanted)) {
        ctx.add({ action: 'skip', kind: 'settings', name: key, id: ctx.live.guild.id, match, changes: { [key]: { before: current, after: wanted } }, reason }, PHASE.references);
      }
      continue;
    }
    const liveId = wanted === null ? null : ctx.liveId('channel', wanted);
    if (wanted !== null && liveId === null) {
      refs[key] = { before: current, after: `new:${wanted}` };
      sources[key] = wanted;
    } else if (liveId !== current) {
      refs[key] = { before: current, after: liveId };
      sources[key] = wanted;
    }
  }
  if (Object.keys(refs).length === 0) return;
  const op = { action: 'update' as const, kind: 'settings' as const, name: 'server channels', id: ctx.live.guild.id, match, changes: refs };
  if (lacks) {
    ctx.add({ ...op, action: 'skip', reason: lacks }, PHASE.references);
    return;
  }
  ctx.add(op, PHASE.references, {
    needs: Object.values(sources).filter((s): s is string => s !== null).map((s) => `channel:${s}`),
    run: (x) => x.write('PATCH', `/guilds/${x.guildId}`, Object.fromEntries(Object.entries(sources).map(([k, s]) => [k, s === null ? null : x.id('channel', s)]))).then(() => undefined),
  });
}
