import { describe, expect, it } from 'vitest';
import { InputError, isValidBranchName, parseInputs, type RawInputs } from '../../../src/action/inputs.js';

const GUILD = '123456789012345678';
const base: Partial<RawInputs> = { 'discord-token': 'bot-token-value', 'guild-id': GUILD, 'github-token': 'ghs_x' };
const inRepo = { hasRepository: true };

function problems(raw: Partial<RawInputs>, context = inRepo): string[] {
  try {
    parseInputs(raw, context);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  return [];
}

describe('parseInputs', () => {
  it('takes several guild ids, separated by commas or line breaks, repeats dropped', () => {
    const other = '234567890123456789';
    expect(parseInputs({ ...base, 'guild-id': ` ${GUILD},\n${other}, ${GUILD}\n` }, inRepo)).toMatchObject({ guildId: GUILD, guildIds: [GUILD, other] });
    expect(problems({ ...base, 'guild-id': `${GUILD}, nope` })).toEqual(['guild-id must be a Discord id of 17-20 digits (got "nope"); several ids are separated by commas or line breaks.']);
    expect(problems({ ...base, 'guild-id': `${GUILD},${other}`, commit: 'pull-request', branch: 'snapshots' })[0]).toMatch(/^branch cannot be set with several guild-ids in pull-request mode/);
  });

  it('takes the alert inputs: on-escalation, escalation-labels, max-score-drop', () => {
    expect(parseInputs(base, inRepo)).toMatchObject({ onEscalation: 'none', escalationLabels: ['discord-escalation'], maxScoreDrop: null });
    expect(parseInputs({ ...base, 'on-escalation': 'fail-and-issue', 'max-score-drop': '15', 'escalation-labels': 'a, b' }, inRepo))
      .toMatchObject({ onEscalation: 'fail-and-issue', maxScoreDrop: 15, escalationLabels: ['a', 'b'] });
    expect(problems({ ...base, 'on-escalation': 'loud' })[0]).toMatch(/^on-escalation must be one of none \| issue \| fail \| fail-and-issue/);
    expect(problems({ ...base, 'max-score-drop': '-3' })[0]).toMatch(/^max-score-drop must be a number from 0 to 100/);
  });

  it('keeps invite codes out unless include-invite-codes is true', () => {
    expect(parseInputs(base, inRepo).includeInviteCodes).toBe(false);
    expect(parseInputs({ ...base, 'include-invite-codes': 'true' }, inRepo).includeInviteCodes).toBe(true);
    expect(parseInputs({ ...base, 'include-invite-codes': 'false' }, inRepo).includeInviteCodes).toBe(false);
    expect(problems({ ...base, 'include-invite-codes': 'yes' })).toEqual(['include-invite-codes must be true or false (got "yes").']);
  });

  it('applies the documented defaults', () => {
    const inputs = parseInputs(base, inRepo);
    expect(inputs).toMatchObject({
      guildId: GUILD, demo: false, commit: 'push', healthThreshold: 50, onRegression: 'fail', members: 'counts',
      issueLabels: ['discord-health'], snapshotDir: null, branch: null, artifactName: null, artifactRetentionDays: null,
    });
  });

  it.each([
    ['1234', 'guild-id must be a Discord id of 17-20 digits'],
    ['12345678901234567890123', 'guild-id must be a Discord id'],
    ['abc456789012345678', 'guild-id must be a Discord id'],
  ])('rejects guild id %s', (id, message) => {
    expect(problems({ ...base, 'guild-id': id })[0]).toContain(message);
  });

  it.each([['-1'], ['101'], ['abc'], ['50%']])('rejects health-threshold %s', (value) => {
    expect(problems({ ...base, 'health-threshold': value })[0]).toContain('health-threshold must be a number from 0 to 100');
  });

  it('accepts thresholds 0, 70.5 and 100', () => {
    for (const t of ['0', '70.5', '100']) expect(parseInputs({ ...base, 'health-threshold': t }, inRepo).healthThreshold).toBe(Number(t));
  });

  it.each([
    ['commit', 'force-push', 'commit must be one of push | pull-request | none'],
    ['on-regression', 'panic', 'on-regression must be one of fail | issue | fail-and-issue | none'],
    ['members', 'all', 'members must be one of none | counts | full'],
    ['artifact-retention-days', '0', 'artifact-retention-days must be a whole number from 1 to 90'],
    ['artifact-retention-days', '91', 'artifact-retention-days must be a whole number from 1 to 90'],
    ['artifact-retention-days', '7.5', 'artifact-retention-days must be a whole number from 1 to 90'],
    ['demo', 'yes', 'demo must be true or false'],
    ['snapshot-dir', '../outside', 'snapshot-dir must be a folder inside the repository'],
    ['snapshot-dir', '/abs', 'snapshot-dir must be a folder inside the repository'],
    ['branch', 'bad..branch', 'branch is not a valid git branch name'],
    ['api-base', 'ftp://x', 'api-base must be an http(s) URL'],
    ['artifact-name', 'a/b', 'artifact-name must not contain'],
  ] as const)('rejects %s = %s', (name, value, message) => {
    expect(problems({ ...base, [name]: value })[0]).toContain(message);
  });

  it.each([
    ['.git'], ['.Git/hooks'], ['snaps/.GIT'], ['.git.'], ['.git. . '], ['x/.git..'], ['git~1'], ['GIT~2/x'],
    ['.g\u200bit'], ['.git\u200d'], ['\ufeff.git'], ['.gi\u00adt'], ['.git\u200e/x'], ['\uff0egit'],
    ['snaps\u0007'], ['a\u001b[31m'], ['a\u0085b'], ['a\tb'], ['a:b'], ['a\\b'], ['.git::$INDEX_ALLOCATION'], ['a*'],
  ])('rejects snapshot-dir %j: git or a file system would read it as .git, or it cannot be checked out', (value) => {
    const found = problems({ ...base, 'snapshot-dir': value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^snapshot-dir must be a folder inside the repository: .*\.Git, "\.git\.", git~1/);
  });

  it.each([['.github/discord'], ['snapshots/git'], ['.gitkeep-not'], ['my.git'], ['git~x'], ['Discord Snapshots/été']])('accepts snapshot-dir %j', (value) => {
    expect(parseInputs({ ...base, 'snapshot-dir': value }, inRepo).snapshotDir).toBe(value);
  });

  it('requires a token and a guild unless demo', () => {
    const found = problems({ 'github-token': 'x' });
    expect(found.some((p) => p.startsWith('guild-id is required'))).toBe(true);
    expect(found.some((p) => p.startsWith('discord-token is required'))).toBe(true);
    expect(parseInputs({ demo: 'true', 'github-token': 'x' }, inRepo)).toMatchObject({ demo: true, guildId: null, discordToken: null });
  });

  it('lists every problem in one message', () => {
    try {
      parseInputs({ ...base, 'guild-id': '1', 'health-threshold': '200', commit: 'x' }, inRepo);
      expect.unreachable();
    } catch (err) {
      const message = (err as Error).message;
      expect(message.split('\n')).toHaveLength(4);
      expect(message).toMatch(/^Invalid action inputs:/);
    }
  });

  it('needs a github token and repository only when committing or opening issues', () => {
    const local = { hasRepository: false };
    expect(problems({ ...base, 'github-token': '' }, local).join(' ')).toContain('github-token is required');
    expect(problems({ ...base, 'github-token': '' }, local).join(' ')).toContain('GITHUB_REPOSITORY is not set');
    expect(problems({ ...base, 'github-token': '', commit: 'none', 'on-regression': 'fail' }, local)).toEqual([]);
    expect(problems({ ...base, commit: 'none', 'on-regression': 'issue' }, local).join(' ')).toContain('GITHUB_REPOSITORY');
  });

  it('splits issue labels on commas and newlines', () => {
    expect(parseInputs({ ...base, 'issue-labels': 'discord, health\nops' }, inRepo).issueLabels).toEqual(['discord', 'health', 'ops']);
  });

  it('never echoes the token in messages', () => {
    expect(problems({ ...base, commit: 'bad' }).join('\n')).not.toContain('bot-token-value');
  });
});

describe('isValidBranchName', () => {
  it.each(['discord-snapshots/123', 'main', 'feature/x.y'])('accepts %s', (name) => expect(isValidBranchName(name)).toBe(true));
  it.each(['-x', 'a b', 'a..b', 'x.lock', 'a:b', 'a~1', 'a/', '@'])('rejects %s', (name) => expect(isValidBranchName(name)).toBe(false));
});
