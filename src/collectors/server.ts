import { defineCollector } from './types.js';
import { snowflakeDate } from '../schema/snowflake.js';

/** Guild settings and counts (GET /guilds/{id}?with_counts=true). */
export const server = defineCollector({
  name: 'server',
  key: 'server',
  description: 'Server settings, owner, features and approximate counts',
  needs: {},
  async collect(ctx) {
    const g = await ctx.sources.guild();
    return {
      id: g.id,
      name: g.name,
      owner: g.owner_id,
      created_at: snowflakeDate(g.id),
      member_count: g.approximate_member_count ?? 0,
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
