/**
 * The fields of snapshot.json a restore sets; everything else in the file is a record of the server (threads,
 * invites, counts, the audit...) that a plan cannot change. A pull request that edits those gets told so, instead of
 * an empty plan that looks like the edit was accepted.
 */
const RESTORED: Record<string, ReadonlySet<string> | 'all'> = {
  server: new Set(['name', 'description', 'verification_level', 'default_message_notifications', 'explicit_content_filter',
    'afk_channel_id', 'afk_timeout', 'system_channel_id', 'rules_channel_id', 'public_updates_channel_id',
    'safety_alerts_channel_id', 'preferred_locale', 'premium_progress_bar_enabled']),
  roles: new Set(['id', 'name', 'color', 'permissions', 'permission_names', 'position', 'hoist', 'mentionable', 'icon', 'unicode_emoji']),
  channels: new Set(['id', 'name', 'type', 'category', 'position', 'topic', 'slowmode', 'nsfw', 'permission_overwrites', 'bitrate',
    'user_limit', 'rtc_region', 'default_auto_archive_duration', 'available_tags', 'video_quality_mode',
    'default_thread_rate_limit_per_user', 'default_reaction_emoji', 'default_sort_order', 'default_forum_layout']),
  automod: 'all',
  welcome_screen: 'all',
  onboarding: 'all',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The "section.field" names that differ between two snapshot texts and that a restore ignores (sorted). */
export function ignoredEdits(baseText: string, headText: string): string[] {
  let base: unknown;
  let head: unknown;
  try {
    base = JSON.parse(baseText);
    head = JSON.parse(headText);
  } catch {
    return [];
  }
  if (!isObject(base) || !isObject(head)) return [];
  const out = new Set<string>();
  for (const section of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const rule = Object.hasOwn(RESTORED, section) ? RESTORED[section] : undefined;
    if (rule === 'all' || same(base[section], head[section])) continue;
    if (!rule) {
      out.add(section);
      continue;
    }
    const items = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);
    const key = (x: Json, i: number) => (typeof x.id === 'string' ? x.id : `#${i}`);
    const before = new Map(items(base[section]).map((x, i) => [key(x, i), x]));
    for (const [i, after] of items(head[section]).entries()) {
      const old = before.get(key(after, i));
      if (!old) continue;
      for (const field of new Set([...Object.keys(old), ...Object.keys(after)])) {
        if (!rule.has(field) && !same(old[field], after[field])) out.add(`${section}.${field}`);
      }
    }
  }
  return [...out].sort();
}
