import type { ChannelAccess, ExportChannel, ExportRole, GuildExport } from '../schema/types.js';
import { notCollected } from '../schema/coverage.js';
import type { CheckContext } from './types.js';
import { NotCollectedSignal } from './view.js';

/**
 * Derived lookups for one check, built lazily from its view of the export: a lookup over a section that was not
 * collected throws like the section itself (see view.ts), so `ctx.access` can never stand in for roles it lacked.
 * "now" is the export's own timestamp so the audit stays pure.
 */
export function buildContext(view: GuildExport, thresholds: Record<string, number>, memberCount: number): CheckContext {
  const parsed = Date.parse(view.meta.exported_at);
  const lazy = <T>(make: () => T): (() => T) => {
    let value: { v: T } | null = null;
    return () => (value ??= { v: make() }).v;
  };
  const everyone = lazy(() => view.roles.find((r) => r.is_everyone) ?? view.roles.find((r) => r.id === view.meta.scope.guild_id) ?? null);
  const access = lazy(() => new Map<string, ChannelAccess>(view.access.map((a) => [a.channel, a])));
  const channelById = lazy(() => new Map<string, ExportChannel>(view.channels.map((c) => [c.id, c])));
  const roleById = lazy(() => new Map<string, ExportRole>(view.roles.map((r) => [r.id, r])));
  const nowLeftOut = Array.isArray(view.meta.left_out) && view.meta.left_out.includes('meta.exported_at');
  return {
    get now() {
      // A snapshot's timestamp is a placeholder: a check that measures age from it cannot run there.
      if (nowLeftOut) throw new NotCollectedSignal('meta.exported_at', 'snapshot.json leaves the export time out; audit the export.json of a run instead');
      return Number.isNaN(parsed) ? 0 : parsed;
    },
    thresholds,
    memberCount,
    get everyone() { return everyone(); },
    get access() { return access(); },
    get channelById() { return channelById(); },
    get roleById() { return roleById(); },
  };
}

/** Member count for size calibration, 0 when unknown (scored as a large server: no benefit of the doubt). */
export function memberCountOf(exp: GuildExport): number {
  if (notCollected(exp, 'server') === null && exp.server) return exp.server.member_count;
  if (notCollected(exp, 'member_stats') === null && exp.member_stats) return exp.member_stats.total;
  return 0;
}
