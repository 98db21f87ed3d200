import { CHECKS } from './checks/index.js';

const NAMES = new Map(CHECKS.map((c) => [c.meta.id, c.meta.name]));

/**
 * What a report calls a check given its outcome: the problem-worded title ("No AutoMod rules enabled") only when it
 * failed, the neutral name ("AutoMod rules") when it passed, did not apply or could not run. A record from a
 * check this version does not know keeps its own title.
 */
export function checkTitle(check: { id: string; title: string; outcome: string }): string {
  if (check.outcome === 'fail') return check.title;
  return NAMES.get(check.id) ?? check.title;
}
