import { defineCollector, type CollectContext } from './types.js';
import { snowflakeDate } from '../schema/snowflake.js';
import { ExportNotice } from '../discord/errors.js';
import { readObject } from './payload.js';
import { incompleteScanNotices } from './scan-members.js';
import type { GuildWithCounts } from './sources.js';

/** Guild settings and counts (GET /guilds/{id}?with_counts=true). */
export const server = defineCollector({
  name: 'server',
  key: 'server',
  description: 'Server settings, owner, features and approximate counts',
  needs: {},
  async collect(ctx) {
    const g = readObject<GuildWithCounts>(`/guilds/${ctx.guildId}`, await ctx.sources.guild(), { name: 'string', owner_id: 'string' });
    return {
      id: g.id,
      name: g.name,
      owner: g.owner_id,
      created_at: snowflakeDate(g.id),
      member_count: await memberCount(ctx, g),
      presence_count: g.approximate_presence_count ?? null,
      boost_level: g.premium_tier ?? 0,
      boost_count: g.premium_subscription_count ?? 0,
      features: [...(g.features ?? [])].map(String).sort(),
      description: g.description ?? null,
      icon: g.icon ?? null,
      preferred_locale: g.preferred_locale ?? 'en-US',
      verification_level: g.verification_level ?? 0,
      explicit_content_filter: g.explicit_content_filter ?? 0,
      mfa_level: g.mfa_level ?? 0,
      default_message_notifications: g.default_message_notifications ?? 0,
      nsfw_level: g.nsfw_level ?? 0,
      system_channel_id: g.system_channel_id ?? null,
      rules_channel_id: g.rules_channel_id ?? null,
      public_updates_channel_id: g.public_updates_channel_id ?? null,
      safety_alerts_channel_id: g.safety_alerts_channel_id ?? null,
      afk_channel_id: g.afk_channel_id ?? null,
      afk_timeout: g.afk_timeout ?? 0,
      vanity_url_code: g.vanity_url_code ?? null,
      premium_progress_bar_enabled: g.premium_progress_bar_enabled === true,
      max_members: g.max_members ?? null,
      widget_enabled: g.widget_enabled ?? null,
      widget_channel_id: g.widget_channel_id ?? null,
    };
  },
});

/**
 * Discord's approximate count; else the `member_count` a compatible server may send; else the members the
 * scan counted (saying so when that scan read only part of the list). Never a silent 0 for "not sent".
 */
async function memberCount(ctx: CollectContext, g: GuildWithCounts): Promise<number> {
  if (isCount(g.approximate_member_count)) return g.approximate_member_count;
  if (isCount(g.member_count)) return g.member_count;
  const scan = await ctx.sources.memberScanIfStarted().catch(() => null);
  if (scan) {
    for (const notice of incompleteScanNotices(scan, 'The member count (counted from the member list: the answer had no approximate_member_count or member_count)')) ctx.partial(notice);
    return scan.stats.total;
  }
  ctx.partial(new ExportNotice(
    "Discord's answer to GET /guilds/{id} has no approximate_member_count or member_count, and the member list was not read: the member count is unknown (written as 0).",
    'Run with the members collector (and --members counts or full) to count the members instead.', 'MISSING_FIELD', null,
  ));
  return 0;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
