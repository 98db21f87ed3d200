import { DiscordAPIError } from '@discordjs/rest';
import type { ExportConfig } from '../config/types.js';
import { ConfigError, parseApiBase, parseGuildId, parseInteger } from '../config/validate.js';
import { classifyError, INVITE_HINT, InvalidResponseError, routeName, routeOf } from '../discord/errors.js';
import { API_BASE_HINT, apiBaseMessage, notLikeDiscord } from '../discord/not-discord.js';
import { startDemo, type DemoHandle } from '../pipeline/demo.js';
import { openSession, type Session } from '../pipeline/session.js';
import { parseCommand, HELP_OPTION } from '../cli/parse.js';
import type { PlanOptions } from './context.js';
import { readLive } from './live.js';
import { planRestore } from './plan.js';
import { loadSource } from './source.js';
import type { Plan, RestoreSource } from './types.js';

export const RESTORE_OPTIONS = {
  ...HELP_OPTION,
  guild: { type: 'string' }, prune: { type: 'boolean' }, 'member-roles': { type: 'boolean' }, json: { type: 'boolean' },
  demo: { type: 'boolean' }, 'api-base': { type: 'string' }, timeout: { type: 'string' }, quiet: { type: 'boolean', short: 'q' },
} as const;

export interface RestoreRequest {
  sourceFile: string;
  guildId: string | null;
  demo: boolean;
  token: string | null;
  apiBase: string | null;
  timeoutMs?: number;
  options: PlanOptions;
  json: boolean;
  quiet: boolean;
  yes: boolean;
}

/** Arguments shared by plan and apply (validated, no IO); the same token and API settings as export. */
export function parseRestoreArgs(command: 'plan' | 'apply', argv: string[], env: NodeJS.ProcessEnv): { help: true } | ({ help: false } & RestoreRequest) {
  const options = command === 'apply' ? { ...RESTORE_OPTIONS, yes: { type: 'boolean' } } as const : RESTORE_OPTIONS;
  const { values: v, positionals } = parseCommand(command, { args: argv, options, allowPositionals: true });
  if (v.help === true) return { help: true };
  if (positionals.length !== 1) throw new ConfigError(`${command} needs one SOURCE (an export.json, snapshot.json or export.zip), got ${positionals.length}. Usage: discord-server-exporter ${command} out/export.json --guild ID`);
  const demo = v.demo === true;
  const guild = v.guild ?? (env.DISCORD_GUILD_ID?.trim() || undefined);
  const token = env.DISCORD_TOKEN?.trim() || null;
  if (!demo && !token) throw new ConfigError('No bot token: set the DISCORD_TOKEN environment variable to your bot\'s token, or use --demo to try it on the built-in raided demo server.');
  if (!demo && !guild) throw new ConfigError(`No server: pass --guild <server id> (the server to ${command === 'plan' ? 'compare with' : 'restore'}; or set DISCORD_GUILD_ID).`);
  const apiBase = v['api-base'] ?? (env.DISCORD_API_BASE?.trim() || undefined);
  return {
    help: false,
    sourceFile: positionals[0],
    guildId: guild ? parseGuildId(guild, v.guild !== undefined ? '--guild' : 'DISCORD_GUILD_ID') : null,
    demo,
    token: demo ? null : token,
    apiBase: apiBase && !demo ? parseApiBase(apiBase) : null,
    timeoutMs: v.timeout !== undefined ? parseInteger(v.timeout, '--timeout', 100, 600_000) : undefined,
    options: { prune: v.prune === true, memberRoles: v['member-roles'] === true },
    json: v.json === true,
    quiet: v.quiet === true,
    yes: (v as { yes?: boolean }).yes === true,
  };
}

export type Prepared =
  | { ok: true; source: RestoreSource; plan: Plan & { ids: Map<string, string> }; session: Session; guildId: string; close: () => Promise<void> }
  | { ok: false; message: string; hint: string };

/**
 * Loads SOURCE (usage errors before any request), opens the client as export does, reads the live server and plans.
 * A server the bot cannot read, or a bad token, comes back as { ok: false } (exit 2).
 */
export async function prepare(request: RestoreRequest, warn: (line: string) => void): Promise<Prepared> {
  const source = await loadSource(request.sourceFile, warn);
  if (request.options.memberRoles && source.export.meta.scope?.members !== 'full') {
    throw new ConfigError(`--member-roles needs an export.json made with the member list (members: full); ${request.sourceFile} has members: ${source.export.meta.scope?.members ?? 'unknown'}. Drop --member-roles or use such an export.`);
  }
  let demo: DemoHandle | null = null;
  // The demo for a restore is the demo server just after a raid.
  if (request.demo) demo = await startDemo({ raided: true });
  const config: ExportConfig = {
    guildId: request.guildId ?? demo?.guildId ?? null, token: demo?.token ?? request.token, apiBase: demo?.apiBase ?? request.apiBase, demo: false,
    outDir: '.', only: null, skip: [], members: 'none', maxMembers: null, formats: [], strict: false, auditConfigPath: null, promptBudget: 12_000,
    timeoutMs: request.timeoutMs,
  };
  const guildId = config.guildId!;
  let session: Session;
  try {
    session = await openSession(config);
  } catch (error) {
    await demo?.close();
    throw error;
  }
  const close = async () => {
    await session.close();
    await demo?.close();
  };
  const api = session.api();
  try {
    const live = await readLive(api, guildId, { members: request.options.memberRoles, token: session.token });
    return { ok: true, source, plan: planRestore(source, live, request.options), session, guildId, close };
  } catch (error) {
    await close();
    const c = classifyError(error);
    // The guild and /users/@me are the first reads: answered like no Discord would, the address is what is wrong.
    const first = error instanceof DiscordAPIError ? routeName(routeOf(error.url)) : error instanceof InvalidResponseError ? routeName(error.route) : '';
    const foreign = /^\/(guilds\/\{id\}|users\/@me)\/?$/.test(first) ? notLikeDiscord(error) : null;
    if (foreign) return { ok: false, message: apiBaseMessage(session.apiBase, `GET ${first}`, foreign), hint: API_BASE_HINT };
    if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404) && !c.tokenRejected) {
      return { ok: false, message: `The bot cannot read server ${guildId}: Discord said ${error.status} ${error.message} (code ${String(error.code)}). The bot is not in that server, or the id is wrong.`, hint: INVITE_HINT };
    }
    return { ok: false, message: c.message, hint: c.hint };
  }
}
