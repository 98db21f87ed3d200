import type { CheckContext, CheckMeta, CheckRun, Evidence } from '../types.js';
import type { GuildExport } from '../../schema/types.js';
import { plural, proportional } from '../helpers.js';

export const meta: CheckMeta = {
  id: 'permanent_invites',
  title: 'Permanent invites',
  name: 'Invite expiry',
  category: 'invites',
  severity: 'medium',
  motivation: 'Invites that never expire keep working after they leak into spam lists or raid channels; nobody remembers to revoke them.',
  remediation: { text: 'Revoke never-expiring invites (Server Settings > Invites) and create expiring ones; use the vanity URL if a permanent link is needed.', effort: 'low' },
};

/** Fails for invites with no expiry; evidence is grouped by channel and never includes invite codes. */
export function run(exp: GuildExport, ctx: CheckContext): CheckRun {
  const permanent = exp.invites.filter((i) => i.max_age === 0 || i.expires_at === null);
  const byChannel = new Map<string, { count: number; uses: number }>();
  for (const i of permanent) {
    const key = i.channel ?? 'unknown';
    const e = byChannel.get(key) ?? { count: 0, uses: 0 };
    e.count += 1;
    e.uses += i.uses;
    byChannel.set(key, e);
  }
  const evidence: Evidence[] = [...byChannel].map(([id, e]) => ({
    id,
    name: ctx.channelById.has(id) ? `#${ctx.channelById.get(id)!.name}` : 'unknown channel',
    detail: `${plural(e.count, 'permanent invite')}, ${plural(e.uses, 'use')}`,
  }));
  return proportional(
    permanent.length,
    exp.invites.length,
    `${permanent.length} of ${plural(exp.invites.length, 'invite')} never expire.`,
    exp.invites.length ? `Every invite expires (${plural(exp.invites.length, 'invite')}).` : 'No active invites.',
    evidence,
  );
}
