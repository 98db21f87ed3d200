import type { GuildExport } from '../../schema/types.js';
import { compareText } from '../../schema/order.js';
import { byName, type Names, perms, section, table, yesNo } from './format.js';

/** Thread counts per parent channel (thread names change too often and say little about configuration). */
export function renderThreads(exp: GuildExport, names: Names): string {
  const perParent = new Map<string, { active: number; archived: number; locked: number; private: number }>();
  for (const t of exp.threads) {
    const key = names.channel(t.parent, '(no parent)');
    const row = perParent.get(key) ?? { active: 0, archived: 0, locked: 0, private: 0 };
    row[t.archived ? 'archived' : 'active']++;
    if (t.locked) row.locked++;
    if (t.type_name === 'private_thread') row.private++;
    perParent.set(key, row);
  }
  const rows = [...perParent.entries()].sort(([a], [b]) => compareText(a, b)).map(([parent, r]) => [parent, r.active, r.archived, r.locked, r.private]);
  return section('Threads', table(['Parent', 'Active', 'Archived', 'Locked', 'Private'], rows, 'No threads.'));
}

/** Forum and media channels with their tags and post counts. */
export function renderForums(exp: GuildExport): string {
  const rows = byName(exp.forums).map((f) => [
    `#${f.name}`,
    f.post_count,
    f.tags.map((t) => `${t.name}${t.moderated ? ' (moderated)' : ''}`).sort(compareText).join(', ') || 'none',
    f.topic,
  ]);
  return section('Forums', table(['Forum', 'Posts', 'Tags', 'Guidelines'], rows, 'No forums.'));
}

/** Voice channels and stages with their limits and moderators. */
export function renderVoice(exp: GuildExport, names: Names): string {
  const voice = byName(exp.voice).map((v) => [
    `#${v.name}`,
    names.channel(v.category, '(no category)'),
    v.bitrate === null ? '-' : `${Math.round(v.bitrate / 1000)} kbps`,
    v.user_limit ? v.user_limit : 'unlimited',
    v.region ?? 'automatic',
  ]);
  const stages = byName(exp.stage).map((s) => [`#${s.name}`, s.topic, s.moderators.map((m) => `@${m.name}`).sort(compareText).join(', ') || 'none']);
  return section(
    'Voice and stage',
    `${table(['Voice channel', 'Category', 'Bitrate', 'User limit', 'Region'], voice, 'No voice channels.')}\n` +
      table(['Stage', 'Topic', 'Moderator roles'], stages, 'No stages.'),
  );
}

/** AutoMod rules: trigger, actions, exemptions. */
export function renderAutomod(exp: GuildExport, names: Names): string {
  const rows = byName(exp.automod).map((r) => [
    r.name,
    r.trigger,
    r.actions.map((a) => a.type).join(', ') || 'none',
    yesNo(r.enabled),
    names.roleList(r.exempt_roles),
    r.exempt_channels.map((id) => names.channel(id)).sort(compareText).join(', ') || '-',
  ]);
  return section('AutoMod rules', table(['Rule', 'Trigger', 'Actions', 'Enabled', 'Exempt roles', 'Exempt channels'], rows, 'No AutoMod rules.'));
}

/** Invites by shape only: how many per channel, and how many never expire or have no use limit. */
export function renderInvites(exp: GuildExport, names: Names): string {
  const perChannel = new Map<string, { total: number; permanent: number; unlimited: number; temporary: number }>();
  for (const i of exp.invites) {
    const key = names.channel(i.channel, '(no channel)');
    const row = perChannel.get(key) ?? { total: 0, permanent: 0, unlimited: 0, temporary: 0 };
    row.total++;
    if (i.max_age === 0) row.permanent++;
    if (i.max_uses === 0) row.unlimited++;
    if (i.temporary) row.temporary++;
    perChannel.set(key, row);
  }
  const rows = [...perChannel.entries()].sort(([a], [b]) => compareText(a, b)).map(([ch, r]) => [ch, r.total, r.permanent, r.unlimited, r.temporary]);
  return section('Invites', table(['Channel', 'Invites', 'Never expire', 'Unlimited uses', 'Temporary membership'], rows, 'No invites.'));
}

/** Webhooks by name and channel (never their URL or token). */
export function renderWebhooks(exp: GuildExport, names: Names): string {
  const kinds: Record<number, string> = { 1: 'incoming', 2: 'channel follower', 3: 'application' };
  const rows = byName(exp.webhooks).map((w) => [w.name ?? '(unnamed)', names.channel(w.channel), kinds[w.type] ?? `type ${w.type}`]);
  return section('Webhooks', table(['Webhook', 'Channel', 'Kind'], rows, 'No webhooks.'));
}

/** Bots by name with their effective permissions. Who added them is a member identity: never in this file. */
export function renderBots(exp: GuildExport, names: Names): string {
  const rows = byName(exp.bots).map((b) => [b.name, names.roleList(b.roles), perms(b.permission_names)]);
  return section('Bots', table(['Bot', 'Roles', 'Permissions'], rows, 'No bots.'));
}

