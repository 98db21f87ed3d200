import type { ExportChannel, ExportOverwrite, GuildExport } from '../../schema/types.js';
import { compareSnowflakes } from '../../schema/snowflake.js';
import { byPosition, type Names, section, table, yesNo } from './format.js';
import { mdHeading, mdText } from '../../text/escape.js';

/** The channel tree: uncategorized channels first, then each category in Discord's order. */
export function renderChannels(exp: GuildExport, names: Names): string {
  const categories = byPosition(exp.channels.filter((c) => c.type_name === 'category'));
  const known = new Set(categories.map((c) => c.id));
  const children = (parent: string | null) =>
    byPosition(exp.channels.filter((c) => c.type_name !== 'category' && (parent === null ? !c.category || !known.has(c.category) : c.category === parent)));
  const parts: string[] = [];
  const loose = children(null);
  if (loose.length) parts.push(`### (no category)\n\n${channelTable(loose, names)}`);
  for (const cat of categories) {
    const own = overwrites(cat.permission_overwrites, names);
    parts.push(`### ${mdHeading(cat.name, '(unnamed category)')}\n\n${own === '-' ? '' : `Category overwrites: ${mdText(own)}\n\n`}${channelTable(children(cat.id), names)}`);
  }
  return section('Channels', parts.length ? parts.join('\n') : '_No channels collected._');
}

/** Channels @everyone cannot see, with the roles that can view, send and manage them. */
export function renderAccess(exp: GuildExport, names: Names): string {
  if (exp.access.length === 0) return section('Private channels', '_Access was not computed._');
  const order = new Map(exp.channels.map((c) => [c.id, c]));
  const rows = exp.access
    .filter((a) => a.private)
    .sort((a, b) => {
      const ca = order.get(a.channel);
      const cb = order.get(b.channel);
      return (ca?.position ?? 0) - (cb?.position ?? 0) || compareSnowflakes(a.channel, b.channel);
    })
    .map((a) => [names.channel(a.channel), names.roleList(a.can_view), names.roleList(a.can_send), names.roleList(a.can_manage), a.member_overwrites]);
  return section('Private channels', table(['Channel', 'Can view', 'Can send', 'Can manage', 'Member overwrites'], rows, 'No private channels.'));
}

function channelTable(channels: ExportChannel[], names: Names): string {
  const rows = channels.map((c) => [
    `#${c.name}`,
    c.type_name,
    c.topic,
    c.slowmode ? `${c.slowmode}s` : 'off',
    yesNo(c.nsfw),
    overwrites(c.permission_overwrites, names),
  ]);
  return table(['Channel', 'Type', 'Topic', 'Slowmode', 'NSFW', 'Overwrites'], rows, 'No channels.');
}

/** Role overwrites by name with +allowed/-denied flags; member overwrites only counted. */
function overwrites(list: readonly ExportOverwrite[], names: Names): string {
  const roleParts = list
    .filter((o) => o.type === 'role')
    .map((o) => {
      const flags = [...o.allow_names.map((n) => `+${n}`), ...o.deny_names.map((n) => `-${n}`)];
      return `${names.role(o.id)} ${flags.length ? flags.join(' ') : '(no change)'}`;
    })
    .sort();
  const members = list.filter((o) => o.type === 'member').length;
  if (members) roleParts.push(`${members} member overwrite${members === 1 ? '' : 's'}`);
  return roleParts.length ? roleParts.join('; ') : '-';
}
