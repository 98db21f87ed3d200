import type { APIGuildOnboarding } from 'discord-api-types/v10';
import { defineCollector } from './types.js';
import { getObject } from './payload.js';
import { idList, idOrNull, textOrNull } from './optional-fields.js';
import type { OnboardingChoice, OnboardingPrompt } from '../schema/types.js';

/** Onboarding: prompts (with what each choice gives), default channels, mode. */
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
      prompts: (Array.isArray(o.prompts) ? o.prompts as unknown[] : []).filter(isRecord).map(mapPrompt),
    };
  },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapPrompt(p: Record<string, unknown>): OnboardingPrompt {
  const options = Array.isArray(p.options) ? p.options : [];
  return {
    id: p.id as string,
    title: p.title as string,
    type: p.type as number,
    required: p.required === true,
    options: options.length,
    single_select: p.single_select === true,
    // Discord's default: a prompt is part of the onboarding flow unless it says otherwise.
    in_onboarding: p.in_onboarding !== false,
    choices: options.filter(isRecord).filter((c) => idOrNull(c.id) !== null).map(mapChoice),
  };
}

// Discord answers each option's emoji as an object ({id, name, animated}); its write body and some compatible servers
// use flat emoji_id / emoji_name fields: either is read.
function mapChoice(c: Record<string, unknown>): OnboardingChoice {
  const emoji = isRecord(c.emoji) ? c.emoji : {};
  return {
    id: c.id as string,
    title: textOrNull(c.title) ?? '',
    description: textOrNull(c.description),
    emoji_id: idOrNull(emoji.id) ?? idOrNull(c.emoji_id),
    emoji_name: textOrNull(emoji.name) ?? textOrNull(c.emoji_name),
    role_ids: idList(c.role_ids),
    channel_ids: idList(c.channel_ids),
  };
}
