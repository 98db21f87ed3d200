import type { GuildExport } from '../schema/types.js';
import type { CheckContext } from './types.js';

/** Derived lookups every check shares; "now" is the export's own timestamp so the audit stays pure. */
export function buildContext(exp: GuildExport, thresholds: Record<string, number>): CheckContext {
  const everyone = exp.roles.find((r) => r.is_everyone) ?? exp.roles.find((r) => r.id === exp.meta.scope.guild_id) ?? null;
  const parsed = Date.parse(exp.meta.exported_at);
  return {
    now: Number.isNaN(parsed) ? 0 : parsed,
    thresholds,
    everyone,
    memberCount: exp.server?.member_count ?? exp.member_stats?.total ?? 0,
    access: new Map(exp.access.map((a) => [a.channel, a])),
    channelById: new Map(exp.channels.map((c) => [c.id, c])),
    roleById: new Map(exp.roles.map((r) => [r.id, r])),
  };
}

/** Why a check's inputs are missing (a collector failed or was skipped, or the server object is absent), else null. */
export function missingInput(exp: GuildExport, requires: readonly string[]): string | null {
  for (const name of requires) {
    // Optional chaining: hand-edited or older exports may lack these, and the audit must not crash as a whole.
    const record = exp.meta.collectors?.[name];
    const error = exp.errors?.find((e) => e.collector === name && e.status === 'failed');
    if (record?.status === 'failed' || record?.status === 'skipped' || error) {
      const why = error?.message ?? record?.reason ?? record?.status ?? 'failed';
      return `Not collected: the ${name} collector ${record?.status === 'skipped' ? 'was skipped' : 'failed'} (${why}).`;
    }
    if (name === 'server' && exp.server === null) return 'Not collected: the server settings are missing from the export.';
  }
  return null;
}

/** Collectors among `requires` that returned only part of their data. */
export function partialInputs(exp: GuildExport, requires: readonly string[]): string[] {
  return requires.filter((n) => exp.meta.collectors?.[n]?.status === 'partial' || (exp.errors ?? []).some((e) => e.collector === n && e.status === 'partial'));
}
