import { AutoModerationActionType, AutoModerationRuleTriggerType, type APIAutoModerationRule } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { getList } from './payload.js';
import { byId } from './map-channel.js';

export const TRIGGERS: Record<number, string> = {
  [AutoModerationRuleTriggerType.Keyword]: 'keyword',
  [AutoModerationRuleTriggerType.Spam]: 'spam',
  [AutoModerationRuleTriggerType.KeywordPreset]: 'keyword_preset',
  [AutoModerationRuleTriggerType.MentionSpam]: 'mention_spam',
  [AutoModerationRuleTriggerType.MemberProfile]: 'member_profile',
};
export const ACTIONS: Record<number, string> = {
  [AutoModerationActionType.BlockMessage]: 'block_message',
  [AutoModerationActionType.SendAlertMessage]: 'send_alert_message',
  [AutoModerationActionType.Timeout]: 'timeout',
  [AutoModerationActionType.BlockMemberInteraction]: 'block_member_interaction',
};

/** AutoMod rules: trigger, actions, exemptions. */
export const automod = defineCollector({
  name: 'automod',
  key: 'automod',
  description: 'AutoMod rules',
  needs: { permissions: ['ManageGuild'] },
  async collect(ctx) {
    const rules = await getList<APIAutoModerationRule>(ctx, `/guilds/${ctx.guildId}/auto-moderation/rules`, {
      id: 'string', name: 'string', trigger_type: 'number', event_type: 'number', enabled: 'boolean', actions: 'array', exempt_roles: 'array', exempt_channels: 'array',
    }, 'AutoMod rule');
    return rules
      .map((r) => ({
        id: r.id,
        name: r.name,
        trigger: TRIGGERS[r.trigger_type] ?? 'unknown',
        trigger_metadata: { ...(r.trigger_metadata ?? {}) } as Record<string, unknown>,
        actions: r.actions.map((a) => ({ type: ACTIONS[a.type] ?? 'unknown', metadata: { ...(a.metadata ?? {}) } as Record<string, unknown> })),
        enabled: r.enabled,
        event_type: r.event_type,
        exempt_roles: [...r.exempt_roles].sort(),
        exempt_channels: [...r.exempt_channels].sort(),
      }))
      .sort(byId);
  },
});
