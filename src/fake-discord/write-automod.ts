import type { APIAutoModerationRule } from 'discord-api-types/v10';
import { apiError, type Reply } from './errors.js';
import { nextId } from './ids.js';
import { BodyReader, asObject, type Json } from './write-body.js';
import { UNKNOWN_AUTOMOD_RULE } from './write-errors.js';
import { noContent, ok, type WriteContext, type WriteRouteDef } from './write-route.js';
import type { FakeGuild } from './types.js';

/** How many rules of each trigger type a guild may hold (keyword 6, the others 1). */
const PER_TRIGGER: Record<number, number> = { 1: 6, 3: 1, 4: 1, 5: 1, 6: 1 };

/** Reads the fields create and edit share; exempt roles and channels, and alert channels, must exist. */
function readRule(r: BodyReader, g: FakeGuild): Json {
  const f: Json = {};
  const put = (key: string, v: unknown) => { if (v !== undefined) f[key] = v; };
  put('name', r.str('name', 1, 100));
  put('event_type', r.choice('event_type', [1, 2]));
  put('enabled', r.bool('enabled'));
  const roles = r.snowflakes('exempt_roles', 20);
  roles?.forEach((id, i) => { if (!g.guild.roles.some((x) => x.id === id)) r.fail(`exempt_roles.${i}`, 'ROLE_INVALID', 'Unknown role'); });
  put('exempt_roles', roles);
  const channels = r.snowflakes('exempt_channels', 50);
  channels?.forEach((id, i) => { if (!g.channels.some((x) => x.id === id)) r.fail(`exempt_channels.${i}`, 'CHANNEL_INVALID', 'Unknown channel'); });
  put('exempt_channels', channels);
  if (r.has('trigger_metadata')) {
    const m = r.child('trigger_metadata', r.body.trigger_metadata);
    if (m) f.trigger_metadata = m.body;
  }
  if (r.has('actions')) {
    const raw = r.body.actions;
    if (!Array.isArray(raw) || raw.length === 0) r.fail('actions', 'BASE_TYPE_REQUIRED', 'This field is required');
    else {
      f.actions = raw.map((item, i) => {
        const a = r.child(`actions.${i}`, item);
        if (!a) return null;
        const type = a.choice('type', [1, 2, 3, 4], { required: true });
        const meta = a.has('metadata') ? a.child('metadata', a.body.metadata) : null;
        const channel = meta?.snowflake('channel_id');
        if (channel && !g.channels.some((x) => x.id === channel)) meta?.fail('channel_id', 'CHANNEL_INVALID', 'Unknown channel');
        return meta ? { type, metadata: meta.body } : { type };
      });
    }
  }
  return f;
}

function createRule({ guild: g, body }: WriteContext): Reply {
  const r = new BodyReader(asObject(body) ?? {});
  for (const key of ['name', 'event_type', 'trigger_type', 'actions']) if (!r.has(key)) r.fail(key, 'BASE_TYPE_REQUIRED', 'This field is required');
  const trigger = r.choice('trigger_type', [1, 3, 4, 5, 6]);
  const f = readRule(r, g);
  const bad = r.reply();
  if (bad) return bad;
  const same = g.automodRules.filter((x) => x.trigger_type === trigger).length;
  if (same >= (PER_TRIGGER[trigger as number] ?? 1)) return apiError(400, 30035, 'Maximum number of rules of this trigger type reached');
  const rule = { id: nextId(g), guild_id: g.guild.id, creator_id: g.botUserId, trigger_type: trigger, trigger_metadata: {}, enabled: false,
    exempt_roles: [], exempt_channels: [], ...f } as unknown as APIAutoModerationRule;
  g.automodRules.push(rule);
  return ok(rule);
}

function editRule({ guild: g, params, body }: WriteContext): Reply {
  const rule = g.automodRules.find((x) => x.id === params.rule);
  if (!rule) return UNKNOWN_AUTOMOD_RULE();
  const r = new BodyReader(asObject(body) ?? {});
  const f = readRule(r, g);
  const bad = r.reply();
  if (bad) return bad;
  Object.assign(rule, f);
  return ok(rule);
}

function deleteRule({ guild: g, params }: WriteContext): Reply {
  if (!g.automodRules.some((x) => x.id === params.rule)) return UNKNOWN_AUTOMOD_RULE();
  g.automodRules = g.automodRules.filter((x) => x.id !== params.rule);
  return noContent();
}

export const AUTOMOD_ROUTES: WriteRouteDef[] = [
  { method: 'POST', pattern: '/guilds/:guild/auto-moderation/rules', bucket: 'automod-write', needs: 'ManageGuild', handle: createRule },
  { method: 'PATCH', pattern: '/guilds/:guild/auto-moderation/rules/:rule', bucket: 'automod-write', needs: 'ManageGuild', handle: editRule },
  { method: 'DELETE', pattern: '/guilds/:guild/auto-moderation/rules/:rule', bucket: 'automod-write', needs: 'ManageGuild', handle: deleteRule },
];
