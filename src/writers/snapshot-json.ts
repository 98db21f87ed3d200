import type { ExportInvite, GuildExport, MemberStats } from '../schema/types.js';
import { memberIds, MEMBER_PLACEHOLDER, scrubSummary } from './privacy.js';
import { roundCount } from './round.js';
import { compareText } from '../schema/order.js';
import { orderKeys, sortArraysById } from './stable-json.js';
import { toWire } from '../schema/wire.js';

export interface SnapshotOptions {
  /** Keep member ids (owner, creators, member overwrites); honoured only when the export's members mode is `full`. */
  includeMemberIds?: boolean;
  /** Keep invite codes and dates instead of only each invite's shape (use counts are always left out). */
  includeInviteCodes?: boolean;
}

const EPOCH = new Date(0).toISOString();

/** The committed snapshot.json: privacy-filtered, without volatile values, sorted, in stable key order. */
export function toSnapshotJson(exp: GuildExport, options: SnapshotOptions = {}): GuildExport {
  const keepIds = options.includeMemberIds === true && exp.meta.scope.members === 'full';
  const ids = keepIds ? new Set<string>() : memberIds(exp);
  const snap = structuredClone({ ...exp, members: [] }); // members never go into a snapshot: skip copying them
  const hide = <T extends string | null>(id: T): T | null => (keepIds ? id : null);

  snap.meta.exported_at = EPOCH;
  // What follows replaces data with placeholders: say which fields, so an audit over the snapshot cannot read them.
  snap.meta.left_out = leftOut(keepIds, options.includeInviteCodes === true);
  snap.meta.duration_ms = 0;
  for (const record of Object.values(snap.meta.collectors)) {
    record.duration_ms = 0;
    record.count = roundCount(record.count);
  }
  if (snap.server) {
    snap.server.presence_count = null;
    snap.server.member_count = roundCount(snap.server.member_count);
    if (!keepIds) snap.server.owner = '';
  }
  snap.member_stats = snap.member_stats && roundStats(snap.member_stats);
  // Bans come and go with moderation, not configuration: rounded like the member counts.
  if (snap.bans) snap.bans = { ...snap.bans, count: roundCount(snap.bans.count) };
  for (const role of snap.roles) role.member_count = role.member_count === null ? null : roundCount(role.member_count);
  // Activity, not configuration: these move with every message and would make each run a "change".
  for (const channel of snap.channels) {
    channel.last_message_id = null;
    channel.permission_overwrites = channel.permission_overwrites.map((o) =>
      o.type === 'member' && !keepIds ? { ...o, id: MEMBER_PLACEHOLDER } : o,
    );
  }
  for (const thread of snap.threads) {
    thread.last_message_id = null;
    thread.message_count = null;
    thread.member_count = null;
  }
  for (const event of snap.events) {
    event.user_count = null;
    event.creator_id = hide(event.creator_id);
  }
  for (const webhook of snap.webhooks) webhook.created_by = hide(webhook.created_by);
  for (const bot of snap.bots) bot.added_by = hide(bot.added_by);
  snap.invites = snap.invites.map((invite) =>
    // Use counts move with every join, so even a snapshot that keeps codes leaves them out.
    options.includeInviteCodes ? { ...invite, uses: 0, created_by: hide(invite.created_by) } : inviteShape(invite),
  );
  snap.summary = scrubSummary(snap.summary, ids);
  snap.summary.total_members = snap.summary.total_members === null ? null : roundCount(snap.summary.total_members);
  snap.summary.issues_found.sort(compareText);

  // Onboarding prompts and their choices are shown to new members in Discord's order, which a restore must keep:
  // they are left out of the sort by id (Discord answers them in that same order every time).
  const prompts = snap.onboarding?.prompts;
  if (snap.onboarding) snap.onboarding.prompts = [];
  sortArraysById(snap);
  if (snap.onboarding && prompts) {
    snap.onboarding.prompts = prompts;
    for (const choice of prompts.flatMap((p) => p.choices ?? [])) sortArraysById([choice.role_ids, choice.channel_ids]);
  }
  snap.invites.sort((a, b) => compareText(inviteKey(a), inviteKey(b)));
  snap.errors.sort((a, b) => compareText(`${a.collector}\n${a.message}`, `${b.collector}\n${b.message}`));
  snap.access.sort((a, b) => compareText(a.channel.padStart(20, '0'), b.channel.padStart(20, '0')));
  snap.server?.features.sort(compareText);
  return orderKeys(snap);
}

/** snapshot.json's text: toSnapshotJson as 2-space JSON with a final newline. */
export function renderSnapshotJson(exp: GuildExport, options: SnapshotOptions = {}): string {
  // Sections that were not collected are written as null (lists) or {"not_collected": why} (objects).
  return `${JSON.stringify(toWire(toSnapshotJson(exp, options)), null, 2)}\n`;
}

/** What an invite looks like without who made it, its code, its use count or its dates. */
function inviteShape(invite: ExportInvite): ExportInvite {
  return {
    code: '',
    uses: 0,
    max_uses: invite.max_uses,
    max_age: invite.max_age,
    temporary: invite.temporary,
    created_by: null,
    channel: invite.channel,
    created_at: null,
    expires_at: invite.max_age === 0 ? 'never' : null,
  };
}

function inviteKey(i: ExportInvite): string {
  return [(i.channel ?? '').padStart(20, '0'), i.max_age, i.max_uses, i.temporary, i.code, i.expires_at ?? ''].join('\n');
}

function roundStats(stats: MemberStats): MemberStats {
  const roleCounts = Object.fromEntries(Object.entries(stats.role_counts).map(([id, n]) => [id, roundCount(n)]));
  // null stays null: a figure `members: counts` cannot know is not collected, never 0.
  const round = (n: number | null): number | null => (n === null ? null : roundCount(n));
  return {
    ...(stats.source ? { source: stats.source } : {}),
    total: roundCount(stats.total),
    bots: stats.bots,
    humans: roundCount(stats.humans),
    role_counts: roleCounts,
    without_roles: round(stats.without_roles),
    pending: round(stats.pending),
    timed_out: round(stats.timed_out),
  };
}

/** The fields toSnapshotJson replaces with placeholders ("section.field"), for meta.left_out. */
function leftOut(keepIds: boolean, keepInvites: boolean): string[] {
  return [
    'meta.exported_at',
    'server.presence_count',
    'channels.last_message_id',
    'threads.last_message_id', 'threads.message_count', 'threads.member_count',
    'events.user_count',
    'invites.uses',
    ...(keepInvites ? [] : ['invites.code', 'invites.created_at', 'invites.expires_at']),
    ...(keepIds ? [] : ['server.owner', 'events.creator_id', 'webhooks.created_by', 'bots.added_by', 'invites.created_by']),
  ].sort(compareText);
}
