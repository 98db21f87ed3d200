import type { GuildExport } from '../../schema/types.js';
import { formatApproxCount } from '../round.js';
import { label, type Names, section, table } from './format.js';
import { mdHeading, mdText } from '../../text/escape.js';

const VERIFICATION = ['None', 'Low (verified email)', 'Medium (registered 5+ minutes)', 'High (member 10+ minutes)', 'Very high (verified phone)'];
const CONTENT_FILTER = ['Disabled', 'Members without roles', 'All members'];
const MFA = ['Not required', 'Required for moderation actions'];
const NOTIFICATIONS = ['All messages', 'Only @mentions'];
const NSFW_LEVEL = ['Default', 'Explicit', 'Safe', 'Age restricted'];

/** Title and the server settings that matter for moderation and safety. */
export function renderServer(exp: GuildExport, names: Names): string {
  const s = exp.server;
  const title = `# ${mdHeading(s?.name ?? exp.meta.scope.guild_id, 'Unnamed server')}\n\n`;
  const intro =
    `Snapshot by ${mdText(`${exp.meta.exporter.name} ${exp.meta.exporter.version}, schema ${exp.meta.schema_version}`)}. ` +
    `Member data: ${exp.meta.scope.members}.${countsNote(exp)}${exp.meta.scope.demo ? ' Demo guild.' : ''}\n\n`;
  if (!s) return title + intro + section('Server settings', '_Not collected (see Collector errors)._');
  const rows: [string, string | number][] = [
    ['Server id', s.id],
    ['Created', s.created_at.slice(0, 10)],
    ['Members (approximate)', formatApproxCount(s.member_count)],
    ['Verification level', label(VERIFICATION, s.verification_level)],
    ['Explicit content filter', label(CONTENT_FILTER, s.explicit_content_filter)],
    ['2FA for moderators', label(MFA, s.mfa_level)],
    ['Default notifications', label(NOTIFICATIONS, s.default_message_notifications)],
    ['NSFW level', label(NSFW_LEVEL, s.nsfw_level)],
    ['System channel', names.channel(s.system_channel_id, 'none')],
    ['Rules channel', names.channel(s.rules_channel_id, 'none')],
    ['Community updates channel', names.channel(s.public_updates_channel_id, 'none')],
    ['Safety alerts channel', names.channel(s.safety_alerts_channel_id, 'none')],
    ['AFK channel', s.afk_channel_id ? `${names.channel(s.afk_channel_id)} after ${s.afk_timeout / 60} min` : 'none'],
    ['Boosts', `level ${s.boost_level}, ${s.boost_count} boosts, progress bar ${s.premium_progress_bar_enabled ? 'shown' : 'hidden'}`],
    ['Vanity URL', s.vanity_url_code ? 'set' : 'none'],
    ['Server widget', s.widget_enabled ? `on${s.widget_channel_id ? `, invites to ${names.channel(s.widget_channel_id)}` : ''}` : s.widget_enabled === false ? 'off' : 'unknown'],
    ['Preferred locale', s.preferred_locale],
    ['Description', s.description || 'none'],
    ['Features', s.features.length ? [...s.features].sort().join(', ') : 'none'],
  ];
  return title + intro + section('Server settings', table(['Setting', 'Value'], rows));
}

/** With Discord's counts instead of the member list: what they give and what they cannot tell (never shown as 0). */
function countsNote(exp: GuildExport): string {
  const stats = exp.member_stats;
  if (stats?.source !== 'counts') return '';
  const missing = [['members without roles', stats.without_roles], ['pending screening', stats.pending], ['timed out', stats.timed_out]]
    .filter(([, n]) => n === null).map(([what]) => what);
  return ` Role member counts, bots and the member total come from Discord's counts, without reading the member list${missing.length ? `; not collected: ${missing.join(', ')} (they need members: full)` : ''}.`;
}

/** Which collectors failed or were partial, and what to do about it. */
export function renderErrors(exp: GuildExport): string {
  const rows = [...exp.errors]
    .sort((a, b) => (a.collector < b.collector ? -1 : a.collector > b.collector ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0))
    .map((e) => [e.collector, e.status, e.code === null ? '-' : String(e.code), e.message, e.hint]);
  const skipped = Object.entries(exp.meta.collectors)
    .filter(([, r]) => r.status === 'skipped')
    .map(([name, r]) => `${name}${r.reason ? ` (${r.reason})` : ''}`)
    .sort();
  const skippedNote = skipped.length ? `\nSkipped: ${skipped.map((s) => mdText(s)).join('; ')}.\n` : '';
  // How a collector went about it, when that is worth knowing (`members: counts` reading the member list after all).
  const notes = Object.entries(exp.meta.collectors)
    .filter(([, r]) => r.status !== 'skipped' && r.reason)
    .map(([name, r]) => `${name}: ${r.reason}`)
    .sort();
  const note = skippedNote + (notes.length ? `\nNotes: ${notes.map((s) => mdText(s)).join('; ')}.\n` : '');
  return section('Collector errors', table(['Collector', 'Status', 'Code', 'Message', 'What to do'], rows, 'No collector errors.') + note);
}

