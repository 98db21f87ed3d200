import type { FaultRule } from './types.js';

/** Holds the active fault rules and how many uses each has left. */
export class FaultTable {
  private rules: { rule: FaultRule; left: number; skip: number }[] = [];

  constructor(rules: FaultRule[] = []) {
    this.set(rules);
  }

  /** Replaces every rule (use counts restart). */
  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, left: rule.times ?? Infinity, skip: rule.after ?? 0 }));
  }

  /** The first rule matching `routeKey` that has uses left, spending one use. */
  take(routeKey: string): FaultRule | null {
    for (const r of this.rules) {
      if (r.left > 0 && (r.rule.route === '*' || r.rule.route === routeKey || (r.rule.route === 'writes' && !routeKey.startsWith('GET ')))) {
        // Let the first `after` matching requests through untouched (a failure in the middle of a paging chain).
        if (r.skip > 0) {
          r.skip--;
          continue;
        }
        r.left--;
        return r.rule;
      }
    }
    return null;
  }
}

/** A Discord-like JSON error body for an injected status (what Discord sends for its own 5xx). */
export function statusBody(status: number): { message: string; code: number } {
  const text: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
    504: 'Gateway Timeout', 403: 'Forbidden', 404: 'Not Found', 400: 'Bad Request' };
  return { message: `${status}: ${text[status] ?? 'Error'}`, code: 0 };
}

/** The HTML page a proxy in front of Discord serves on a bad gateway: not JSON, no error code. */
export const NON_JSON_PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>\n';

/** The text body of a Cloudflare ban (error 1015: too many invalid requests from this IP). */
export const CLOUDFLARE_BAN_BODY = 'error code: 1015';
