import type { GuildExport } from '../../schema/types.js';
import { compareText } from '../../schema/order.js';
import { byName, type Names, section, table, utcTime, yesNo } from './format.js';
import { mdText } from '../../text/escape.js';
import { formatApproxCount } from '../round.js';

const EVENT_STATUS = ['', 'scheduled', 'active', 'completed', 'canceled'];
const EVENT_TYPE = ['', 'stage', 'voice', 'external'];

/** Custom emojis and stickers. */
export function renderExpressions(exp: GuildExport, names: Names): string {
  const emojis = byName(exp.emojis).map((e) => [
    `:${e.name}:`,
    yesNo(e.animated),
    yesNo(e.managed),
    yesNo(e.available),
    names.roleList(e.roles, 'everyone'),
  ]);
  const stickers = byName(exp.stickers).map((s) => [s.name, s.description, s.tags, yesNo(s.available)]);
  const sounds = byName(exp.soundboard).map((s) => [s.name, s.volume, yesNo(s.available)]);
  return (
    section('Emojis', table(['Emoji', 'Animated', 'Managed', 'Available', 'Usable by'], emojis, 'No custom emojis.')) +
    '\n' +
    section('Stickers', table(['Sticker', 'Description', 'Tags', 'Available'], stickers, 'No stickers.')) +
    '\n' +
    section('Soundboard', table(['Sound', 'Volume', 'Available'], sounds, 'No soundboard sounds.'))
  );
}

/** Scheduled events (without interest counts, which change all the time). */
export function renderEvents(exp: GuildExport, names: Names): string {
  const rows = [...exp.events]
    .sort((a, b) => compareText(a.scheduled_start_time, b.scheduled_start_time) || compareText(a.id.padStart(20, '0'), b.id.padStart(20, '0')))
    .map((e) => [
      e.name,
      EVENT_STATUS[e.status] || `status ${e.status}`,
      EVENT_TYPE[e.entity_type] || `type ${e.entity_type}`,
      e.channel ? names.channel(e.channel) : e.location,
      utcTime(e.scheduled_start_time),
      utcTime(e.scheduled_end_time),
    ]);
  return section('Scheduled events', table(['Event', 'Status', 'Kind', 'Where', 'Starts', 'Ends'], rows, 'No scheduled events.'));
}

/** Integrations (Twitch, YouTube, bots) without account names. */
export function renderIntegrations(exp: GuildExport, names: Names): string {
  const rows = byName(exp.integrations).map((i) => [i.name, i.type, yesNo(i.enabled), i.role_id ? names.role(i.role_id) : '-']);
  return section('Integrations', table(['Integration', 'Type', 'Enabled', 'Role'], rows, 'No integrations.'));
}

/** Welcome screen, onboarding and the ban count. */
export function renderOnboarding(exp: GuildExport, names: Names): string {
  const w = exp.welcome_screen;
  const welcome = w
    ? `Description: ${mdText(w.description ?? '') || 'none'}\n\n` +
      table(['Channel', 'Description', 'Emoji'], w.channels.map((c) => [names.channel(c.channel_id), c.description, c.emoji_name]), 'No welcome channels.')
    : '_Not set up or not collected._\n';
  const o = exp.onboarding;
  const onboarding = o
    ? `Enabled: ${yesNo(o.enabled)}. Mode: ${o.mode === 1 ? 'advanced' : 'default'}. Default channels: ` +
      `${mdText(o.default_channel_ids.map((id) => names.channel(id)).sort(compareText).join(', ')) || 'none'}.\n\n` +
      table(['Prompt', 'Type', 'Required', 'Options'], o.prompts.map((p) => [p.title, p.type === 1 ? 'dropdown' : 'multiple choice', yesNo(p.required), p.options]), 'No prompts.')
    : '_Not set up or not collected._\n';
  const bans = exp.bans ? `${formatApproxCount(exp.bans.count)}${exp.bans.capped ? '+' : ''} banned user${exp.bans.count === 1 ? '' : 's'}.\n` : '_Not collected._\n';
  return section('Welcome screen', welcome) + '\n' + section('Onboarding', onboarding) + '\n' + section('Bans', bans);
}
