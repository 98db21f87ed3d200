import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const ID = '123456789012345678';

describe('invite-url', () => {
  it('prints the permissions integer the collectors declare, and the OAuth2 URL with exactly that integer', async () => {
    const run = await runCli(['invite-url', '--client-id', ID]);
    expect(run.code).toBe(0);
    // Ban Members 4 + Manage Server 32 + View Audit Log 128 + View Channels 1024 + Read Message History 65536
    // + Manage Webhooks 536870912 + Manage Threads 17179869184: no Manage Roles, no Administrator.
    expect(run.stdout).toContain('Permissions integer: 17716806820\n');
    expect(run.stdout).toContain(`Invite URL: https://discord.com/oauth2/authorize?client_id=${ID}&scope=bot&permissions=17716806820\n`);
    expect(run.stdout).toMatch(/Manage Server +for automod, invites, integrations, welcome_screen/);
    expect(run.stdout).toMatch(/Server Members Intent +for members, bots/);
    expect(run.stdout).not.toMatch(/Manage Roles|Administrator/);
  });

  it('--json gives the same numbers to a script', async () => {
    const run = await runCli(['invite-url', '--client-id', ID, '--json']);
    expect(JSON.parse(run.stdout)).toEqual({
      permissions: '17716806820',
      permission_names: ['BanMembers', 'ManageGuild', 'ViewAuditLog', 'ViewChannel', 'ReadMessageHistory', 'ManageWebhooks', 'ManageThreads'],
      url: `https://discord.com/oauth2/authorize?client_id=${ID}&scope=bot&permissions=17716806820`,
      intents: ['GuildMembers'],
    });
  });

  it('--skip and --only narrow the permissions; --guild preselects the server', async () => {
    const skip = JSON.parse((await runCli(['invite-url', '--client-id', ID, '--skip', 'bans,webhooks', '--json'])).stdout);
    expect(skip.permissions).toBe(String(17716806820 - 4 - 536870912));
    const only = JSON.parse((await runCli(['invite-url', '--client-id', ID, '--only', 'members,roles', '--json'])).stdout);
    expect(only).toMatchObject({ permissions: '0', permission_names: [], intents: ['GuildMembers'] });
    const guild = await runCli(['invite-url', '--client-id', ID, '--guild', '223456789012345678']);
    expect(guild.stdout).toContain('&guild_id=223456789012345678&disable_guild_select=true');
  });

  it.each([
    [[], /invite-url needs --client-id/],
    [['--client-id', 'abc'], /--client-id must be your application's id \(17 to 20 digits\), got "abc"/],
    [['--client-id='], /--client-id needs a value/],
    [['--client-id', ID, '--only', 'nope'], /unknown collector "nope"/],
  ])('refuses %j (exit 64)', async (argv, message) => {
    const run = await runCli(['invite-url', ...(argv as string[])]);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message as RegExp);
  });
});
