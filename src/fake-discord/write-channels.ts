import { ChannelType, OverwriteType, type APIOverwrite } from 'discord-api-types/v10';
import { MISSING_PERMISSIONS, UNKNOWN_CHANNEL, type Reply } from './errors.js';
import { ungrantableInChannel } from './bot-perms.js';
import { nextId } from './ids.js';
import { BodyReader, asObject } from './write-body.js';
import { GUILD_CHANNEL_TYPES, channelDefaults, checkParent, readChannelFields, readOverwrites } from './write-channel-fields.js';
import { MAX_CHANNELS, UNKNOWN_ROLE, fieldError } from './write-errors.js';
import { noContent, ok, type WriteContext, type WriteRouteDef } from './write-route.js';
import type { FakeChannel } from './types.js';

/** Discord's cap on a guild's channels (categories included, threads not). */
export const MAX_GUILD_CHANNELS = 500;
const parentOf = (c: FakeChannel): string | null => (c as { parent_id?: string | null }).parent_id ?? null;

function createChannel({ guild: g, body }: WriteContext): Reply {
  if (g.channels.length >= MAX_GUILD_CHANNELS) return MAX_CHANNELS();
  const r = new BodyReader(asObject(body) ?? {});
  const type = r.choice('type', GUILD_CHANNEL_TYPES, { nullable: true }) ?? ChannelType.GuildText;
  if (!r.has('name')) r.fail('name', 'BASE_TYPE_REQUIRED', 'This field is required');
  const fields = readChannelFields(r, type, () => nextId(g));
  const parentId = r.snowflake('parent_id', { nullable: true });
  const overwrites = readOverwrites(r, g, null);
  const bad = r.reply();
  if (bad) return bad;
  if (overwrites && !Array.isArray(overwrites)) return overwrites;
  const parentBad = checkParent(g, parentId, type, null);
  if (parentBad) return parentBad;
  const siblings = g.channels.filter((c) => parentOf(c) === (parentId ?? null));
  const ch = { ...channelDefaults(nextId(g), g.guild.id, type), position: siblings.reduce((m, c) => Math.max(m, c.position + 1), 0),
    parent_id: parentId ?? null, ...fields, permission_overwrites: overwrites ?? [] } as unknown as FakeChannel;
  g.channels.push(ch);
  return ok(ch, 201);
}

function editChannel({ guild: g, channel, body }: WriteContext): Reply {
  const ch = channel as FakeChannel;
  const r = new BodyReader(asObject(body) ?? {});
  let type: number = ch.type;
  const wantType = r.choice('type', GUILD_CHANNEL_TYPES);
  if (wantType !== undefined && wantType !== ch.type) {
    // Only text and announcement channels convert into each other.
    const convertible: number[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
    if (!convertible.includes(ch.type) || !convertible.includes(wantType as number)) r.fail('type', 'CHANNEL_TYPE_INVALID', 'Cannot convert this channel type');
    else type = wantType as number;
  }
  const fields = readChannelFields(r, type, () => nextId(g));
  const parentId = r.snowflake('parent_id', { nullable: true });
  const overwrites = readOverwrites(r, g, ch);
  const bad = r.reply();
  if (bad) return bad;
  if (overwrites && !Array.isArray(overwrites)) return overwrites;
  if (parentId !== undefined && parentId !== parentOf(ch)) {
    const parentBad = checkParent(g, parentId, type, ch.id);
    if (parentBad) return parentBad;
    fields.parent_id = parentId;
  }
  if (overwrites) fields.permission_overwrites = overwrites;
  Object.assign(ch, fields, { type });
  return ok(ch);
}

/** Deletes a channel the way Discord does: its children fall out of the category, references to it clear. */
function deleteChannel({ guild: g, channel }: WriteContext): Reply {
  const ch = channel as FakeChannel;
  if (g.threads.some((t) => t.id === ch.id)) {
    g.threads = g.threads.filter((t) => t.id !== ch.id);
    return ok(ch);
  }
  g.channels = g.channels.filter((c) => c.id !== ch.id);
  for (const c of g.channels) if (parentOf(c) === ch.id) (c as { parent_id: string | null }).parent_id = null;
  g.threads = g.threads.filter((t) => t.parent_id !== ch.id);
  const gd = g.guild as unknown as Record<string, unknown>;
  for (const key of ['afk_channel_id', 'system_channel_id', 'rules_channel_id', 'public_updates_channel_id', 'safety_alerts_channel_id', 'widget_channel_id']) {
    if (gd[key] === ch.id) gd[key] = null;
  }
  if (g.widget.channel_id === ch.id) g.widget = { ...g.widget, channel_id: null };
  if (g.welcomeScreen) g.welcomeScreen.welcome_channels = g.welcomeScreen.welcome_channels.filter((w) => w.channel_id !== ch.id);
  g.onboarding.default_channel_ids = g.onboarding.default_channel_ids.filter((id) => id !== ch.id);
  return ok(ch);
}

/** Bulk positions: `[{ id, position?, parent_id?, lock_permissions? }]`, answered 204. */
function moveChannels({ guild: g, body }: WriteContext): Reply {
  if (!Array.isArray(body)) return fieldError('_errors', 'BASE_TYPE_ARRAY', 'Must be an array.');
  const root = new BodyReader({});
  const moves: { ch: FakeChannel; position?: number | null; parentId?: string | null; lock: boolean }[] = [];
  for (const [i, item] of body.entries()) {
    const r = root.child(String(i), item);
    if (!r) continue;
    const id = r.snowflake('id', { required: true });
    const position = r.int('position', 0, 10_000, { nullable: true });
    const parentId = r.snowflake('parent_id', { nullable: true });
    const lock = r.bool('lock_permissions') ?? false;
    if (!id) continue;
    const ch = g.channels.find((c) => c.id === id);
    if (!ch) return UNKNOWN_CHANNEL();
    moves.push({ ch, position, parentId, lock });
  }
  const bad = root.reply();
  if (bad) return bad;
  for (const m of moves) {
    if (m.parentId !== undefined && m.parentId !== parentOf(m.ch)) {
      const parentBad = checkParent(g, m.parentId, m.ch.type, m.ch.id);
      if (parentBad) return parentBad;
    }
  }
  for (const m of moves) {
    if (typeof m.position === 'number') m.ch.position = m.position;
    if (m.parentId !== undefined) (m.ch as { parent_id: string | null }).parent_id = m.parentId;
    const parent = g.channels.find((c) => c.id === parentOf(m.ch));
    if (m.lock && parent) m.ch.permission_overwrites = (parent.permission_overwrites ?? []).map((o) => ({ ...o }));
  }
  return noContent();
}

function putOverwrite({ guild: g, channel, params, body }: WriteContext): Reply {
  const ch = channel as FakeChannel;
  const r = new BodyReader(asObject(body) ?? {});
  const type = r.choice('type', [OverwriteType.Role, OverwriteType.Member], { required: true });
  const allow = r.bits('allow') ?? 0n;
  const deny = r.bits('deny') ?? 0n;
  const bad = r.reply();
  if (bad) return bad;
  if (type === OverwriteType.Role && !g.guild.roles.some((x) => x.id === params.target)) return UNKNOWN_ROLE();
  if (ungrantableInChannel(g, ch, allow | deny) !== 0n) return MISSING_PERMISSIONS();
  const o: APIOverwrite = { id: params.target, type: type as OverwriteType, allow: String(allow), deny: String(deny) };
  const list = (ch.permission_overwrites ?? []).filter((x) => x.id !== o.id);
  ch.permission_overwrites = [...list, o];
  return noContent();
}

function deleteOverwrite({ channel, params }: WriteContext): Reply {
  const ch = channel as FakeChannel;
  ch.permission_overwrites = (ch.permission_overwrites ?? []).filter((x) => x.id !== params.target);
  return noContent();
}

/** A name or topic change also spends the channel's long bucket (about 2 per 10 minutes). */
function nameOrTopic({ channel, body }: WriteContext): string | null {
  const b = asObject(body) ?? {};
  const ch = (channel ?? {}) as Record<string, unknown>;
  const changes = (key: string) => key in b && b[key] !== undefined && b[key] !== ch[key];
  return changes('name') || changes('topic') ? 'channel-name-topic' : null;
}

export const CHANNEL_ROUTES: WriteRouteDef[] = [
  { method: 'POST', pattern: '/guilds/:guild/channels', bucket: 'channel-create', needs: 'ManageChannels', handle: createChannel },
  { method: 'PATCH', pattern: '/guilds/:guild/channels', bucket: 'channel-positions', needs: 'ManageChannels', handle: moveChannels },
  { method: 'PATCH', pattern: '/channels/:channel', bucket: 'channel-write', needs: 'ManageChannels', extraBucket: nameOrTopic, handle: editChannel },
  { method: 'DELETE', pattern: '/channels/:channel', bucket: 'channel-write', needs: 'ManageChannels', handle: deleteChannel },
  { method: 'PUT', pattern: '/channels/:channel/permissions/:target', bucket: 'overwrite', needs: 'ManageRoles', handle: putOverwrite },
  { method: 'DELETE', pattern: '/channels/:channel/permissions/:target', bucket: 'overwrite', needs: 'ManageRoles', handle: deleteOverwrite },
];
