import type { APIGuildOnboarding } from 'discord-api-types/v10';
import { notCollected } from '../schema/coverage.js';
import type { OnboardingChoice, OnboardingPrompt } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { changedFields } from './fields.js';
import { emojiId, needsOf, refsOf, type Refs } from './refs.js';
import { communityOnly } from './plan-welcome.js';
import { PHASE, type ExecContext } from './types.js';

type Ref = (kind: 'role' | 'channel', id: string) => string;

/** Onboarding: enabled, mode, default channels and prompts (their choices' roles and channels remapped), one PUT. */
export function planOnboarding(ctx: PlanContext): void {
  const exp = ctx.source.export;
  const source = exp.onboarding;
  if (notCollected(exp, 'onboarding') !== null || !source) return;
  const prompts = Array.isArray(source.prompts) ? source.prompts : [];
  // An export before 2.2.0 counts each prompt's choices without keeping them: the prompts are then left alone.
  const withPrompts = prompts.every((p) => Array.isArray(p.choices));
  const choices = withPrompts ? prompts.flatMap((p) => p.choices ?? []) : [];
  const refs: Refs[] = [
    refsOf(ctx, 'channel', source.default_channel_ids),
    refsOf(ctx, 'role', choices.flatMap((c) => c.role_ids ?? [])),
    refsOf(ctx, 'channel', choices.flatMap((c) => c.channel_ids ?? [])),
  ];
  const shown: Ref = (kind, id) => ctx.liveId(kind, id) ?? `new:${id}`;
  const wanted = comparable(formOf(ctx, source, withPrompts ? prompts : null, shown));
  const current = ctx.live.onboarding ? comparable(liveForm(ctx.live.onboarding, withPrompts)) : {};
  const changes = changedFields(current, wanted);
  if (Object.keys(changes).length === 0) return;
  const op = { action: 'update' as const, kind: 'onboarding' as const, name: 'onboarding', id: ctx.live.guild.id, match: 'id' as const, changes };
  const lost = refs.flatMap((r) => r.lost.map((l) => `${r.kind} ${l.id}: ${l.reason}`))[0];
  const reason = communityOnly(ctx, 'onboarding') ?? ctx.guards.lacks('ManageGuild') ?? ctx.guards.lacks('ManageRoles')
    ?? (lost ? `it names a ${lost}` : null);
  if (reason) return void ctx.add({ ...op, action: 'skip', reason }, PHASE.references);
  ctx.add(op, PHASE.references, {
    needs: needsOf(ctx, ...refs),
    run: (x: ExecContext) => x.write('PUT', `/guilds/${x.guildId}/onboarding`, formOf(ctx, source, withPrompts ? prompts : null, (k, id) => x.id(k, id))).then(() => undefined),
  });
}

/** The PUT body (ids through `ref`). */
function formOf(ctx: PlanContext, o: NonNullable<PlanContext['source']['export']['onboarding']>, prompts: OnboardingPrompt[] | null, ref: Ref) {
  return {
    enabled: o.enabled, mode: o.mode,
    default_channel_ids: (o.default_channel_ids ?? []).map((id) => ref('channel', id)),
    ...(prompts ? { prompts: prompts.map((p) => ({
      id: p.id, type: p.type, title: p.title, required: p.required, single_select: p.single_select ?? false, in_onboarding: p.in_onboarding ?? true,
      options: (p.choices ?? []).map((c) => option(ctx, c, ref)),
    })) } : {}),
  };
}

function option(ctx: PlanContext, c: OnboardingChoice, ref: Ref) {
  const liveEmoji = emojiId(ctx, c.emoji_id);
  const emoji = c.emoji_id && !liveEmoji ? { emoji_id: null, emoji_name: null } : { emoji_id: liveEmoji, emoji_name: c.emoji_name ?? null };
  return { id: c.id, title: c.title, description: c.description ?? null, ...emoji,
    role_ids: (c.role_ids ?? []).map((id) => ref('role', id)), channel_ids: (c.channel_ids ?? []).map((id) => ref('channel', id)) };
}

function liveForm(o: APIGuildOnboarding, withPrompts: boolean) {
  return {
    enabled: o.enabled, mode: o.mode, default_channel_ids: o.default_channel_ids ?? [],
    ...(withPrompts ? { prompts: (o.prompts ?? []).map((p) => ({
      id: p.id, type: p.type, title: p.title, required: p.required, single_select: p.single_select === true, in_onboarding: p.in_onboarding !== false,
      options: (p.options ?? []).map((c) => ({ id: c.id, title: c.title, description: c.description ?? null, emoji_id: c.emoji?.id ?? null, emoji_name: c.emoji?.name ?? null, role_ids: c.role_ids ?? [], channel_ids: c.channel_ids ?? [] })),
    })) } : {}),
  };
}

/** Ids of prompts and choices are Discord's bookkeeping, and id lists are sets: neither makes a difference. */
function comparable(form: ReturnType<typeof liveForm>) {
  return {
    enabled: form.enabled, mode: form.mode, default_channel_ids: [...form.default_channel_ids].sort(),
    prompts: form.prompts?.map((p) => ({ ...p, id: undefined, options: p.options.map((c) => ({ ...c, id: undefined, role_ids: [...c.role_ids].sort(), channel_ids: [...c.channel_ids].sort() })) })),
  };
}
