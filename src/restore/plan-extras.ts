import type { PlanContext } from './context.js';

/** Sections restored after the channels (AutoMod, welcome screen, onboarding, member roles, emojis, stickers). */
export function planExtras(ctx: PlanContext): void {
  void ctx;
}
