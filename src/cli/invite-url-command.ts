import { COLLECTOR_NAMES } from '../collectors/index.js';
import { ConfigError, parseCollectorList, parseGuildId } from '../config/validate.js';
import { oneLine } from '../text/escape.js';
import { botNeeds, inviteUrl, restoreNeeds } from './bot-needs.js';
import { HELP_OPTION, parseCommand } from './parse.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

export const INVITE_URL_HELP = `Usage: discord-server-exporter invite-url --client-id ID [options]

Prints the permissions integer the exporter's bot needs, read from what each collector declares, and the OAuth2
URL that adds the bot to a server with exactly those permissions (nothing more: no Administrator, no Manage Roles).

  --client-id ID     your application's id (Developer Portal > your application > General Information)
  --guild ID         preselect this server in Discord's invite screen
  --only a,b         only the permissions these collectors need
  --skip a,b         leave out what these collectors need
  --for restore      the permissions plan/apply need to restore a server instead (Manage Roles, Channels, Server)
  --json             print {permissions, permission_names, url, intents} as JSON
  --help, -h         this help

Collectors: ${COLLECTOR_NAMES.join(', ')}`;

const OPTIONS = {
  ...HELP_OPTION,
  'client-id': { type: 'string' }, guild: { type: 'string' }, only: { type: 'string' }, skip: { type: 'string' },
  json: { type: 'boolean' }, for: { type: 'string' },
} as const;

/** `invite-url`: the bot's invite link from the collectors' declared needs; no request is made. */
export function runInviteUrlCommand(argv: string[], io: CliIo): number {
  const v = parseCommand('invite-url', { args: argv, options: OPTIONS, allowPositionals: false }).values;
  if (v.help === true) {
    io.stdout(INVITE_URL_HELP + '\n');
    return EXIT.ok;
  }
  if (v['client-id'] === undefined) throw new ConfigError('invite-url needs --client-id <application id> (Developer Portal > your application > General Information > Application ID).');
  const clientId = v['client-id'].trim();
  if (!/^\d{17,20}$/.test(clientId)) {
    throw new ConfigError(`--client-id must be your application's id (17 to 20 digits), got "${oneLine(clientId, 64)}". Find it in the Developer Portal > your application > General Information.`);
  }
  const guildId = v.guild !== undefined ? parseGuildId(v.guild) : null;
  if (v.for !== undefined) {
    if (v.for !== 'restore') throw new ConfigError(`--for takes "restore", got "${oneLine(v.for, 64)}". Leave it out for the export's permissions.`);
    return printRestoreInvite(io, clientId, guildId, v.json === true);
  }
  const only = v.only !== undefined ? parseCollectorList(v.only, '--only') : COLLECTOR_NAMES;
  const skip = v.skip !== undefined ? parseCollectorList(v.skip, '--skip') : [];
  const needs = botNeeds(only.filter((name) => !skip.includes(name)));
  const url = inviteUrl(clientId, needs.bits, guildId);
  if (v.json === true) {
    io.stdout(`${JSON.stringify({
      permissions: needs.bits.toString(),
      permission_names: needs.permissions.map((p) => p.flag),
      url,
      intents: needs.intents.map((i) => i.intent),
    }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`Permissions integer: ${needs.bits}`];
  for (const p of needs.permissions) lines.push(`  ${p.label.padEnd(22)} for ${p.collectors.join(', ')}`);
  lines.push('', `Invite URL: ${url}`);
  if (needs.intents.length > 0) {
    lines.push('', 'Also switch on in the Developer Portal (your application > Bot > Privileged Gateway Intents):');
    for (const i of needs.intents) lines.push(`  ${intentLabel(i.intent).padEnd(22)} for ${i.collectors.join(', ')}`);
  }
  io.stdout(lines.join('\n') + '\n');
  return EXIT.ok;
}

/** The intent's name in the Developer Portal. */
function intentLabel(intent: string): string {
  return intent === 'GuildMembers' ? 'Server Members Intent' : intent === 'GuildPresences' ? 'Presence Intent' : intent === 'MessageContent' ? 'Message Content Intent' : intent;
}

/** invite-url --for restore: what plan and apply need (no intents: they read no member list unless --member-roles). */
function printRestoreInvite(io: CliIo, clientId: string, guildId: string | null, json: boolean): number {
  const permissions = restoreNeeds();
  const bits = permissions.reduce((acc, p) => acc | p.bit, 0n);
  const url = inviteUrl(clientId, bits, guildId);
  if (json) {
    io.stdout(`${JSON.stringify({ permissions: bits.toString(), permission_names: permissions.map((p) => p.flag), url, intents: ['GuildMembers'] }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`Permissions integer: ${bits}`, ...permissions.map((p) => `  ${p.label}`), '', `Invite URL: ${url}`, '',
    'Discord lets a bot grant only permissions it holds, and edit only roles below its own: after inviting, drag the',
    "bot's role to the top of Server Settings > Roles (or give it Administrator) so it can restore every role.",
    '--member-roles also needs the Server Members Intent (Developer Portal > your application > Bot).'];
  io.stdout(lines.join('\n') + '\n');
  return EXIT.ok;
}
