import type { APIGuildOnboarding } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { getObject } from './payload.js';

/** Onboarding: prompts, default channels, mode. */
export const onboarding = defineCollector({
  name: 'onboarding',
  key: 'onboarding',
  description: 'Onboarding prompts and default channels',
  needs: {},
  async collect(ctx) {
    const o = await getObject<APIGuildOnboarding>(ctx, `/guilds/${ctx.guildId}/onboarding`);
    return {
      enabled: o.enabled === true,
      mode: o.mode ?? 0,
      default_channel_ids: [...(o.default_channel_ids ?? [])].sort(),
      prompts: (o.prompts ?? []).map((p) => ({ id: p.id, title: p.title, type: p.type, required: p.required === true, options: p.options?.length ?? 0 })),
    };
  },
});
