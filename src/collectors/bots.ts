import { AuditLogEvent, type APIAuditLogEntry, type APIGuildIntegration, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import { defineCollector, type CollectContext } from './types.js';
import { classifyError, ExportNotice } from '../discord/errors.js';
import { incompleteScanNotices } from './scan-members.js';
import { needing } from './sources.js';
import { readList } from './payload.js';
import { snowflakeMovedOn, StuckCursorError } from './cursor.js';
import { permissionNames, toBits } from '../discord/permissions.js';
import { snowflakeDate, compareSnowflakes } from '../schema/snowflake.js';
import type { ExportBot } from '../schema/types.js';
import { unidentifiedBotsNotice, unidentifiedManagedRoles } from './unidentified-bots.js';

/** Audit log pages read for bot-add entries (100 each): the log only keeps 45 days anyway. */
const AUDIT_LOG_PAGES = 3;

/**
 * Bots: members flagged `bot` (with `members: counts`, the integrations' bot users and the roles Discord manages for
 * bots, each read as a member; without either, the managed roles alone).
 */
export const bots = defineCollector({
  name: 'bots',
  key: 'bots',
  description: 'Bots, their roles and permissions, and who added them (audit log)',
  needs: { permissions: ['ViewAuditLog'], intents: ['GuildMembers'] },
  async collect(ctx) {
    // The audit log depends on neither the guild nor the member scan: read all three at once.
    let scanError: unknown = null;
    const reading = Promise.all([ctx.sources.memberScan().catch((error: unknown) => ((scanError = error), null)), botAdds(ctx)]);
    const guild = await ctx.sources.guild();
    // A bot's permissions are its roles': without the roles there is nothing true to say about any bot.
    const { roles: roleList } = await needing('Bot permissions are worked out from the roles, which could not be read', ctx.sources.roles());
    const roles = new Map(roleList.map((r) => [r.id, r]));
    const everyone = roles.get(guild.id);
    const [scan, adds] = await reading;
    if (scan) for (const notice of [...incompleteScanNotices(scan, 'Bots'), ...scan.botNotices ?? []]) ctx.partial(notice);
    else if (scanError) {
      const c = classifyError(scanError, { intents: ['GuildMembers'] });
      ctx.partial(new ExportNotice(`Bots were found from the roles Discord manages for them only (a bot without one is missing): the member list could not be read (${c.message})`,
        c.hint, c.code, c.http_status));
    }
    const found = scan ? scan.bots.map((m) => fromMember(m)) : fromManagedRoles(roleList);
    const heldByBots = new Set(found.flatMap((f) => f.roleIds));
    let unidentified = unidentifiedManagedRoles(roleList, guild.id, heldByBots, []);
    // Only then the integrations (one request shared with their collector): they may name a role's app.
    if (unidentified.length > 0) {
      const body = await ctx.sources.integrations().catch(() => null);
      const integrations = (Array.isArray(body) ? body : []).filter((i): i is APIGuildIntegration => typeof i === 'object' && i !== null);
      unidentified = unidentifiedManagedRoles(unidentified, guild.id, heldByBots, integrations);
    }
    const notice = unidentifiedBotsNotice(unidentified, scan);
    if (notice) ctx.partial(notice);
    return found
      .map(({ id, name, roleIds }) => {
        const bits = roleIds.reduce((acc, rid) => acc | toBits(roles.get(rid)?.permissions), toBits(everyone?.permissions));
        const managed = roleList.find((r) => r.tags?.bot_id === id);
        return {
          id,
          name,
          permissions: bits.toString(),
          permission_names: permissionNames(bits),
          roles: [...roleIds].sort(compareSnowflakes),
          managed_role: managed?.id ?? null,
          added_by: adds.get(id)?.by ?? null,
          added_at: adds.get(id)?.at ?? null,
        } satisfies ExportBot;
      })
      .sort((a, b) => compareSnowflakes(a.id, b.id));
  },
});

function fromMember(m: APIGuildMember): { id: string; name: string; roleIds: string[] } {
  return { id: m.user!.id, name: m.user!.username, roleIds: m.roles };
}

function fromManagedRoles(roles: APIRole[]): { id: string; name: string; roleIds: string[] }[] {
  return roles.filter((r) => r.tags?.bot_id).map((r) => ({ id: r.tags!.bot_id!, name: r.name, roleIds: [r.id] }));
}

/** bot id -> who added it and when, from the audit log's BotAdd entries; empty (and noted) when unreadable. */
async function botAdds(ctx: CollectContext): Promise<Map<string, { by: string | null; at: string }>> {
  const adds = new Map<string, { by: string | null; at: string }>();
  let before: string | undefined;
  try {
    for (let page = 0; page < AUDIT_LOG_PAGES; page++) {
      const route = `/guilds/${ctx.guildId}/audit-logs` as const;
      const log = await ctx.api.get<unknown>(route, { action_type: AuditLogEvent.BotAdd, limit: 100, before });
      // Entries without an id are left out (they cannot be dated or paged on); who added a bot is a bonus.
      const entries = readList<APIAuditLogEntry>(route, log, { id: 'string' }, 'audit_log_entries').items;
      for (const e of entries) {
        if (e.target_id && !adds.has(e.target_id)) adds.set(e.target_id, { by: e.user_id ?? null, at: snowflakeDate(e.id) });
      }
      if (entries.length < 100) break;
      const last = entries[entries.length - 1].id;
      if (!snowflakeMovedOn(before, last, 'before')) throw new StuckCursorError(route, 'before', before ?? '(none)', last, `${adds.size} bot adds`);
      before = last;
    }
  } catch (error) {
    ctx.partial(error, { permissions: ['ViewAuditLog'] });
  }
  return adds;
}
