import { matchRoute } from './routes.js';
import { CHANNEL_ROUTES } from './write-channels.js';
import { ROLE_ROUTES } from './write-roles.js';
import type { WriteRouteDef } from './write-route.js';

/** The write routes the fake serves, Discord's paths under /api/v10. */
export const WRITE_ROUTES: WriteRouteDef[] = [...ROLE_ROUTES, ...CHANNEL_ROUTES];

function matchPattern(pattern: string, segs: string[]): Record<string, string> | null {
  const pat = pattern.split('/').filter(Boolean);
  if (pat.length !== segs.length) return null;
  const params: Record<string, string> = {};
  return pat.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = segs[i]), true) : p === segs[i])) ? params : null;
}

/**
 * The write route for a method and path, or why there is none: 'method' when the path exists with other methods
 * (Discord answers 405), 'none' when it does not exist at all (404).
 */
export function matchWriteRoute(method: string, path: string): { route: WriteRouteDef; params: Record<string, string> } | 'method' | 'none' {
  const segs = path.split('/').filter(Boolean).map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  let other = false;
  for (const route of WRITE_ROUTES) {
    const params = matchPattern(route.pattern, segs);
    if (!params) continue;
    if (route.method === method) return { route, params };
    other = true;
  }
  return other || matchRoute(path) ? 'method' : 'none';
}
