import type { Reply } from './errors.js';
import type { LimitDecision } from './limits.js';

/** Seconds for Retry-After: whole seconds rounded up like Discord at real time, 3 decimals when time is scaled. */
export function retryAfterHeader(ms: number, timeScale: number): string {
  return timeScale >= 1 ? String(Math.max(1, Math.ceil(ms / 1000))) : (ms / 1000).toFixed(3);
}

export function rateLimitedReply(d: LimitDecision): Reply {
  return { status: 429, body: { message: 'You are being rate limited.', retry_after: Number((d.retryAfterMs / 1000).toFixed(3)), global: d.kind === 'global' } };
}

/** Bucket headers on every bucketed response; 429s add Retry-After and the scope. */
export function limitHeaders(d: LimitDecision, now: number, timeScale: number): Record<string, string> {
  if (d.kind === 'global') {
    return { 'Retry-After': retryAfterHeader(d.retryAfterMs, timeScale), 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' };
  }
  const h: Record<string, string> = {
    'X-RateLimit-Limit': String(d.bucket.limit), 'X-RateLimit-Remaining': String(d.bucket.remaining),
    'X-RateLimit-Reset': (d.bucket.resetAt / 1000).toFixed(3), 'X-RateLimit-Reset-After': ((d.bucket.resetAt - now) / 1000).toFixed(3),
    'X-RateLimit-Bucket': d.bucket.hash,
  };
  if (d.kind === 'route') Object.assign(h, { 'Retry-After': retryAfterHeader(d.retryAfterMs, timeScale), 'X-RateLimit-Scope': 'user' });
  return h;
}
