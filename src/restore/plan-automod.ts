import type { APIAutoModerationRule } from 'discord-api-types/v10';
import { ACTIONS, TRIGGERS } from '../collectors/automod.js';
import { notCollected } from '../schema/coverage.js';
import type { ExportAutomodRule } from '../schema/types.js';
import type { PlanContext } from './context.js';
import { changedFields } from './fields.js';
import { pair } from './match.js';
import { liveIds, needsOf, refsOf, shownIds, type Refs } from './refs.js';
import { NOT_IN_SOURCE, PHASE, type ExecContext, type OpMatch } from './types.js';

const TRIGGER_TYPE = new Map(Object.entries(TRIGGERS).map(([n, name]) => [name, Number(n)]));
const ACTION_TYPE = new Map(Object.entries(ACTIONS).map(([n, name]) => [name, Number(n)]));
/** Rules a server may hold per trigger type (auto-moderation.mdx, "Trigger Types": keyword 6, the others 1). */
const PER_TRIGGER: Record<number, number> = { 1: 6 };
const SEND_ALERT = 2;

interface Wanted {
  rule: ExportAutomodRule;
  trigger: number;
  roles: Refs;
  channels: Refs;
  /** Actions with their alert channel as a source id (null when none). */
  actions: { type: number; metadata: Record<string, unknown>; alert: string | null }[];
  /** What cannot come back with the rule (an exemption or alert naming something not restored). */
  notes: string[];
}

/** AutoMod rules: missing ones created, changed ones updated (ids remapped), extra ones deleted with --prune. */
export function planAutomod(ctx: PlanContext): void {
  const exp = ctx.source.export;
  const why = notCollected(exp, 'automod');
  const skipAll = (reason: string) => ctx.add({ action: 'skip', kind: 'automod', name: 'all AutoMod rules', id: ctx.live.guild.id, match: 'new', reason }, PHASE.references);
  if (why !== null) return void skipAll(`AutoMod rules were not collected in the source (${why}): live rules are left alone`);
  if (ctx.live.automod === null) return void skipAll(ctx.guards.lacks('ManageGuild') ?? 'the bot cannot read the AutoMod rules: give its role Manage Server, then run again');
  const sources = exp.automod.map((r) => ({ ...r, position: 0 }));
  const lives = ctx.live.automod.map((r) => ({ ...r, position: 0 }));
  const { matched, extra } = pair(sources, lives, (s) => `${s.trigger}:${s.name}`, (l) => `${TRIGGERS[l.trigger_type] ?? 'unknown'}:${l.name}`);
  const count = new Map<number, number>();
  for (const l of ctx.live.automod) count.set(l.trigger_type, (count.get(l.trigger_type) ?? 0) + 1);
  const lacks = ctx.guards.lacks('ManageGuild');
  for (const rule of exp.automod) {
    const wanted = wantedOf(ctx, rule);
    if (typeof wanted === 'string') {
      ctx.add({ action: 'skip', kind: 'automod', name: rule.name, id: rule.id, match: 'new', reason: wanted }, PHASE.references);
      continue;
    }
    const found = matched.get(rule.id);
    if (found) update(ctx, wanted, found.live, found.match, lacks);
    else {
      const cap = PER_TRIGGER[wanted.trigger] ?? 1;
      const n = count.get(wanted.trigger) ?? 0;
      const reason = lacks ?? (n >= cap ? `Discord allows ${cap} ${rule.trigger} rule${cap === 1 ? '' : 's'} per server and it has ${n}: delete one (or use --prune), then run again` : null);
      if (!reason) count.set(wanted.trigger, n + 1);
      create(ctx, wanted, reason);
    }
  }
  for (const live of extra) {
    const op = { action: 'delete' as const, kind: 'automod' as const, name: live.name, id: live.id, match: 'id' as const };
    const reason = !ctx.options.prune ? NOT_IN_SOURCE : lacks;
    if (reason) ctx.add({ ...op, action: 'skip', reason }, PHASE.deletes);
    else ctx.add(op, PHASE.deletes, { run: (x) => x.write('DELETE', `/guilds/${x.guildId}/auto-moderation/rules/${live.id}`).then(() => undefined) });
  }
}

function wantedOf(ctx: PlanContext, rule: ExportAutomodRule): Wanted | string {
  const trigger = TRIGGER_TYPE.get(rule.trigger);
  if (trigger === undefined) return `its trigger type "${rule.trigger}" is unknown to this version: recreate it in Server Settings > AutoMod`;
  const actions: Wanted['actions'] = [];
  const notes: string[] = [];
  for (const a of Array.isArray(rule.actions) ? rule.actions : []) {
    const type = ACTION_TYPE.get(a.type);
    if (type === undefined) return `its action "${a.type}" is unknown to this version: recreate it in Server Settings > AutoMod`;
    const metadata = { ...(a.metadata ?? {}) };
    const alert = type === SEND_ALERT && typeof metadata.channel_id === 'string' ? metadata.channel_id : null;
    const lost = alert ? ctx.missing('channel', alert) : null;
    if (lost) {
      notes.push(`its alert to channel ${alert} is left out: ${lost}`);
      continue;
    }
    actions.push({ type, metadata, alert });
  }
  if (actions.length === 0) return notes[0] ?? 'it has no action Discord would accept';
  const roles = refsOf(ctx, 'role', rule.exempt_roles);
  const channels = refsOf(ctx, 'channel', rule.exempt_channels);
  for (const l of [...roles.lost, ...channels.lost]) notes.push(`exemption ${l.id} left out: ${l.reason}`);
  return { rule, trigger, roles, channels, actions, notes };
}

/** The fields as the plan compares and shows them (live ids, or new:<source id>). */
function shown(ctx: PlanContext, w: Wanted) {
  return {
    name: w.rule.name, event_type: w.rule.event_type, trigger_metadata: w.rule.trigger_metadata ?? {}, enabled: w.rule.enabled,
    actions: w.actions.map((a) => ({ type: a.type, metadata: a.alert ? { ...a.metadata, channel_id: ctx.liveId('channel', a.alert) ?? `new:${a.alert}` } : a.metadata })),
    exempt_roles: shownIds(ctx, w.roles), exempt_channels: shownIds(ctx, w.channels),
  };
}

function body(x: ExecContext, w: Wanted): Record<string, unknown> {
  return {
    name: w.rule.name, event_type: w.rule.event_type, trigger_metadata: w.rule.trigger_metadata ?? {}, enabled: w.rule.enabled,
    actions: w.actions.map((a) => ({ type: a.type, metadata: a.alert ? { ...a.metadata, channel_id: x.id('channel', a.alert) } : a.metadata })),
    exempt_roles: liveIds(x, w.roles), exempt_channels: liveIds(x, w.channels),
  };
}

function needs(ctx: PlanContext, w: Wanted): string[] {
  const alerts = { kind: 'channel' as const, kept: w.actions.flatMap((a) => (a.alert ? [a.alert] : [])), lost: [] };
  return needsOf(ctx, w.roles, w.channels, alerts);
}

function update(ctx: PlanContext, w: Wanted, live: APIAutoModerationRule, match: OpMatch, lacks: string | null): void {
  const current = {
    name: live.name, event_type: live.event_type, trigger_metadata: live.trigger_metadata ?? {}, enabled: live.enabled,
    actions: (live.actions ?? []).map((a) => ({ type: a.type, metadata: a.metadata ?? {} })),
    exempt_roles: [...(live.exempt_roles ?? [])].sort(), exempt_channels: [...(live.exempt_channels ?? [])].sort(),
  };
  const changes = changedFields(current, shown(ctx, w));
  if (Object.keys(changes).length === 0) return;
  const op = { action: 'update' as const, kind: 'automod' as const, name: w.rule.name, id: live.id, match, changes, ...(w.notes.length ? { reason: w.notes.join('; ') } : {}) };
  if (lacks) return void ctx.add({ ...op, action: 'skip', reason: lacks }, PHASE.references);
  ctx.add(op, PHASE.references, { needs: needs(ctx, w), run: (x) => x.write('PATCH', `/guilds/${x.guildId}/auto-moderation/rules/${live.id}`, body(x, w)).then(() => undefined) });
}

function create(ctx: PlanContext, w: Wanted, reason: string | null): void {
  const changes = changedFields({}, { trigger: w.rule.trigger, ...shown(ctx, w) });
  const op = { action: 'create' as const, kind: 'automod' as const, name: w.rule.name, id: w.rule.id, match: 'new' as const, changes, ...(w.notes.length ? { reason: w.notes.join('; ') } : {}) };
  if (reason) return void ctx.add({ ...op, action: 'skip', reason }, PHASE.references);
  ctx.add(op, PHASE.references, {
    needs: needs(ctx, w),
    run: (x) => x.write('POST', `/guilds/${x.guildId}/auto-moderation/rules`, { ...body(x, w), trigger_type: w.trigger }).then(() => undefined),
  });
}
