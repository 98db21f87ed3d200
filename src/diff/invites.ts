import type { ExportInvite, GuildExport } from '../schema/types.js';
import type { DiffChange } from './types.js';
import { change } from './util.js';
import type { NameBook } from './names.js';
import { compareText } from '../schema/order.js';

// Invite codes are secrets that grant entry and snapshots drop them, so invites are compared by shape only.
const shapeKey = (i: Partial<ExportInvite>): string =>
  `${i.channel ?? 'none'}:${Number(i.max_age ?? 0)}:${Number(i.max_uses ?? 0)}:${i.temporary ? 'temporary' : 'full'}`;

function describe(key: string, names: NameBook): { channel: string; text: string; open: boolean } {
  const [channel, maxAge, maxUses, temp] = key.split(':');
  const age = Number(maxAge) === 0 ? 'never expires' : `expires after ${formatSeconds(Number(maxAge))}`;
  const uses = Number(maxUses) === 0 ? 'unlimited uses' : `max ${maxUses} uses`;
  const channelName = names.channel(channel === 'none' ? null : channel);
  const text = `${age}, ${uses}${temp === 'temporary' ? ', temporary membership' : ''}`;
  return { channel: channelName, text, open: Number(maxAge) === 0 && Number(maxUses) === 0 };
}

function formatSeconds(s: number): string {
  if (s % 86400 === 0) return `${s / 86400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

function countShapes(list: Partial<ExportInvite>[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of list) m.set(shapeKey(i), (m.get(shapeKey(i)) ?? 0) + 1);
  return m;
}

/** Invites grouped by (channel, max age, max uses, temporary): how many of each shape appeared or went away. */
export function diffInvites(before: GuildExport, after: GuildExport, names: NameBook): DiffChange[] {
  const b = countShapes(before.invites);
  const a = countShapes(after.invites);
  const out: DiffChange[] = [];
  for (const key of [...new Set([...b.keys(), ...a.keys()])].sort(compareText)) {
    const delta = (a.get(key) ?? 0) - (b.get(key) ?? 0);
    if (delta === 0) continue;
    const d = describe(key, names);
    const n = Math.abs(delta);
    const noun = n === 1 ? 'invite' : 'invites';
    if (delta > 0) {
      out.push(change('added', d.open ? 'medium' : 'low', 'invite', key, d.channel, `${n} new ${noun}: ${d.text}`));
    } else {
      out.push(change('removed', 'info', 'invite', key, d.channel, `${n} ${noun} gone: ${d.text}`));
    }
  }
  return out;
}
