import type { ExportServer, GuildExport } from '../schema/types.js';
import type { DiffChange } from './types.js';
import { change, show } from './util.js';
import type { NameBook } from './names.js';
import { compareText } from '../schema/order.js';

/** Settings where a higher number means more protection: lowering one is an escalation. */
const SAFETY: [key: keyof ExportServer, label: string, values: string[]][] = [
  ['verification_level', 'verification level', ['none', 'low', 'medium', 'high', 'very high']],
  ['explicit_content_filter', 'explicit content filter', ['disabled', 'members without roles', 'all members']],
  ['mfa_level', '2FA requirement for moderation', ['off', 'required']],
];

const CHANNEL_SETTINGS: [key: keyof ExportServer, label: string][] = [
  ['system_channel_id', 'system channel'],
  ['rules_channel_id', 'rules channel'],
  ['public_updates_channel_id', 'public updates channel'],
  ['safety_alerts_channel_id', 'safety alerts channel'],
  ['afk_channel_id', 'AFK channel'],
  ['widget_channel_id', 'widget invite channel'],
];

// Counters that change on their own (members, boosts, presence) are left out: they are not configuration.
const OTHER_SETTINGS: [key: keyof ExportServer, label: string][] = [
  ['default_message_notifications', 'default notifications'],
  ['description', 'description'],
  ['icon', 'icon'],
  ['vanity_url_code', 'vanity URL'],
  ['afk_timeout', 'AFK timeout'],
  ['nsfw_level', 'NSFW level'],
  ['preferred_locale', 'preferred locale'],
  ['premium_progress_bar_enabled', 'boost progress bar'],
  ['widget_enabled', 'server widget'],
  ['owner', 'owner'],
];

const NOTIFICATIONS = ['all messages', 'only mentions'];

/** Guild settings and features changed between two exports (nothing when either lacks the server record). */
export function diffGuild(before: GuildExport, after: GuildExport, names: NameBook): DiffChange[] {
  const b = before.server;
  const a = after.server;
  if (!b || !a) return [];
  const out: DiffChange[] = [];
  const guild = (kind: string, sev: DiffChange['severity'], summary: string, escalation = false): void => {
    out.push(change(kind, sev, 'guild', a.id, a.name, summary, { escalation }));
  };
  if (b.name !== a.name) guild('renamed', 'info', `renamed from "${b.name}" to "${a.name}"`);
  for (const [key, label, values] of SAFETY) {
    const from = Number(b[key] ?? 0);
    const to = Number(a[key] ?? 0);
    const text = (v: number): string => values[v] ?? String(v);
    if (to < from) guild('setting_lowered', 'high', `${label} lowered from ${text(from)} to ${text(to)}`, true);
    if (to > from) guild('setting_raised', 'low', `${label} raised from ${text(from)} to ${text(to)}`);
  }
  for (const [key, label] of CHANNEL_SETTINGS) {
    const from = (b[key] as string | null) ?? null;
    const to = (a[key] as string | null) ?? null;
    if (from !== to) guild('setting_changed', 'low', `${label}: ${names.channel(from)} -> ${names.channel(to)}`);
  }
  for (const [key, label] of OTHER_SETTINGS) {
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    // snapshot.json blanks the owner's id unless member ids are kept: a hidden value is not a change.
    if (from === to || (key === 'owner' && (!from || !to))) continue;
    const text = (v: unknown): string =>
      key === 'default_message_notifications' && typeof v === 'number' ? NOTIFICATIONS[v] ?? String(v) : show(v);
    guild('setting_changed', key === 'owner' ? 'high' : 'info', `${label}: ${text(from)} -> ${text(to)}`);
  }
  const fb = new Set(b.features ?? []);
  const fa = new Set(a.features ?? []);
  for (const f of [...fa].filter((x) => !fb.has(x)).sort(compareText)) {
    out.push(change('added', 'info', 'feature', f, f, 'enabled'));
  }
  for (const f of [...fb].filter((x) => !fa.has(x)).sort(compareText)) {
    out.push(change('removed', 'info', 'feature', f, f, 'disabled'));
  }
  return out;
}
