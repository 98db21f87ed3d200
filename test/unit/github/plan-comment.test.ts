import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../fakes/github/index.js';
import { callApi, commitOnMain } from '../../fakes/github/client.js';
import { commentMarker, upsertComment } from '../../../src/github/pr-comment.js';
import { personEditOf } from '../../../src/github/snapshot-edits.js';
import { SNAPSHOT_TRAILER } from '../../../src/github/git-data.js';
import { fakeWithClient } from './helpers.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});


describe('upsertComment', () => {
  it('keeps one comment per pull request and key: created, then edited in place, unchanged when equal', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    await callApi(fake, 'POST', `/repos/${fake.owner}/${fake.repo}/issues`, { title: 'PR stand-in' });
    await callApi(fake, 'POST', `/repos/${fake.owner}/${fake.repo}/issues/1/comments`, { body: 'a reviewer says hi' });
    const first = await upsertComment(env.client, 1, '111', 'plan: 2 changes');
    const other = await upsertComment(env.client, 1, '222', 'plan for another server');
    const second = await upsertComment(env.client, 1, '111', 'plan: 3 changes');
    const third = await upsertComment(env.client, 1, '111', 'plan: 3 changes');
    expect(first.operation).toBe('created');
    expect(second).toEqual({ id: first.id, operation: 'updated' });
    expect(third).toEqual({ id: first.id, operation: 'unchanged' });
    expect(other.id).not.toBe(first.id);
    const bodies = fake.issues[0].comments.map((c) => c.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toBe(`plan: 3 changes\n\n${commentMarker('111')}\n`);
  });
});

describe('personEditOf', () => {
  it("finds the newest commit of a push that changed the file and is not the Action's own", async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const path = 'discord-snapshots/1/snapshot.json';
    const start = (await callApi(fake, 'GET', `/repos/${fake.owner}/${fake.repo}/git/ref/heads/main`)).json.object.sha;
    const byAction = await commitOnMain(fake, `Discord snapshot\n\n${SNAPSHOT_TRAILER}`, { [path]: '{"a":1}' });
    expect(await personEditOf(env.client, start, byAction, path)).toBeNull();

    const edit = await commitOnMain(fake, 'Give Moderators Manage Messages\n\nReviewed in a PR.', { [path]: '{"a":2}' });
    const unrelated = await commitOnMain(fake, 'Docs', { 'README.md': 'x' });
    expect(await personEditOf(env.client, byAction, unrelated, path)).toEqual({ sha: edit, subject: 'Give Moderators Manage Messages' });
    expect(await personEditOf(env.client, edit, unrelated, path)).toBeNull();
    // A first push (no previous commit) is judged by its head commit alone.
    expect(await personEditOf(env.client, '0'.repeat(40), edit, path)).toEqual({ sha: edit, subject: 'Give Moderators Manage Messages' });
  });
});
