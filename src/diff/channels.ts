import type { ExportChannel, GuildExport } from '../schema/types.js';
import type { DiffChange } from './types.js';
import { diffById, matchById, ranks } from './by-id.js';
import { change } from './util.js';
import type { NameBook } from './names.js';

const isCategory = (c: ExportChannel): boolean => c.type_name === 'category' || c.type === 4;

/** Channels and categories added, removed, renamed, changed and moved (category or order within it). */
export function diffChannels(before: GuildExport, after: GuildExport, names: NameBook): DiffChange[] {
  const out: DiffChange[] = [];
  for (const [entity, pick] of [['category', isCategory], ['channel', (c: ExportChannel) => !isCategory(c)]] as const) {
    const b = before.channels.filter(pick);
    const a = after.channels.filter(pick);
    out.push(...diffById(b, a, {
      entity,
      name: (c) => c.name ?? '',
      fields: [
        ['type', (c) => c.type_name],
        ['topic', (c) => c.topic],
        ['slowmode', (c) => c.slowmode],
        ['nsfw', (c) => c.nsfw],
        ['bitrate', (c) => c.bitrate ?? null],
        ['user limit', (c) => c.user_limit],
        ['region', (c) => c.rtc_region],
        ['default archive', (c) => c.default_auto_archive_duration ?? null],
        ['tags', (c) => (c.available_tags ? c.available_tags.map((t) => `${t.name}${t.moderated ? ' (moderators only)' : ''}`).sort() : null)],
      ],
      added: () => ({ severity: 'low' }),
      removed: 'medium',
    }));
    out.push(...channelMoves(matchById(b, a).common, entity, names));
  }
  return out;
}

// A channel "moved" when its category changed, or both its position and its rank among the siblings it had
// in both exports changed: inserting or deleting a channel renumbers positions without moving anything, and
// the channel dragged past stays put in number while its rank shifts.
function channelMoves(common: [ExportChannel, ExportChannel][], entity: string, names: NameBook): DiffChange[] {
  const out: DiffChange[] = [];
  const stayed = common.filter(([b, a]) => (b.category ?? null) === (a.category ?? null));
  const byCategory = (c: ExportChannel): string => c.category ?? '';
  const rb = ranks(stayed, 0, byCategory);
  const ra = ranks(stayed, 1, byCategory);
  for (const [b, a] of common) {
    if ((b.category ?? null) !== (a.category ?? null)) {
      out.push(change('moved', 'low', entity, a.id, a.name,
        `moved from ${categoryLabel(b.category, names)} to ${categoryLabel(a.category, names)}`));
    } else if (rb.get(b.id) !== ra.get(a.id) && b.position !== a.position) {
      out.push(change('moved', 'info', entity, a.id, a.name, `position ${b.position} -> ${a.position}`));
    }
  }
  return out;
}

function categoryLabel(id: string | null, names: NameBook): string {
  return id === null ? 'no category' : `category ${names.channel(id).replace(/^#/, '')}`;
}
