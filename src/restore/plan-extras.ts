import type { PlanContext } from './context.js';
import { planAutomod } from './plan-automod.js';
import { planEmojis } from './plan-emojis.js';
import { planMemberRoles } from './plan-member-roles.js';
import { planOnboarding } from './plan-onboarding.js';
import { planWelcome } from './plan-welcome.js';

/** Sections restored after the channels (AutoMod, welcome screen, onboarding, member roles, emojis, stickers). */
export function planExtras(ctx: PlanContext): void {
  // Emojis first: the welcome screen and onboarding may name them.
  planEmojis(ctx);
  planAutomod(ctx);
  planWelcome(ctx);
  planOnboarding(ctx);
  planMemberRoles(ctx);
}
