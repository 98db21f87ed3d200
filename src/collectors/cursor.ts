import { ExportNotice, routeName } from '../discord/errors.js';
import { compareSnowflakes } from '../schema/snowflake.js';

const STUCK_HINT =
  'Discord always moves a list forward, so a server or proxy in between (--api-base / DISCORD_API_BASE) is ignoring the paging cursor: what was read is kept. Export through Discord directly, or have that server fixed, then run again.';

/**
 * A paged read whose next cursor did not move past the one it asked with: reading on would fetch the same
 * pages without end (a server or proxy that drops the `after`/`before` query, or sends pages out of order).
 */
export class StuckCursorError extends ExportNotice {
  constructor(route: string, cursor: 'after' | 'before', asked: string, got: string, read: string) {
    super(`The pages of GET ${routeName(route)} did not move on: asked for the page ${cursor} ${asked}, the answer ended at ${got}, so the list would be read forever. It stops after ${read}.`,
      STUCK_HINT, 'CURSOR_STUCK', null);
    this.name = 'StuckCursorError';
  }
}

/** True when `next` is a valid snowflake strictly past `cursor` in the direction paged: higher for `after`, lower for `before`. */
export function snowflakeMovedOn(cursor: string | undefined, next: string, direction: 'after' | 'before'): boolean {
  if (!/^\d{1,20}$/.test(next)) return false;
  if (cursor === undefined) return true;
  const order = compareSnowflakes(next.replace(/^0+(?=\d)/, ''), cursor.replace(/^0+(?=\d)/, ''));
  return direction === 'after' ? order > 0 : order < 0;
}

/** True when the ISO timestamp `next` is strictly before `cursor` (archived threads page backwards in time). */
export function timestampMovedBack(cursor: string | undefined, next: string): boolean {
  const at = Date.parse(next);
  if (!Number.isFinite(at)) return false;
  return cursor === undefined || at < Date.parse(cursor);
}
