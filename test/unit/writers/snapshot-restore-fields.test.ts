import { describe, expect, it } from 'vitest';
import { toSnapshotJson } from '../../../src/writers/snapshot-json.js';
import { fixtureExport, sf } from './fixture.js';

describe('snapshot.json keeps what a restore needs', () => {
  it('keeps the 2.2.0 fields, new keys after the older ones', () => {
    const snap = toSnapshotJson(fixtureExport());
    expect(snap.roles.find((r) => r.id === sf(3))).toMatchObject({ icon: null, unicode_emoji: '🛡️' });
    expect(Object.keys(snap.roles.find((r) => r.id === sf(3))!).slice(-3)).toEqual(['integration_id', 'icon', 'unicode_emoji']);
    expect(snap.channels.find((c) => c.id === sf(23))).toMatchObject({ default_thread_rate_limit_per_user: 60,
      default_reaction_emoji: { emoji_id: sf(70), emoji_name: null }, default_sort_order: 1, default_forum_layout: 2 });
    expect(snap.forums[0].tags.map((t) => [t.emoji_id, t.emoji_name])).toEqual([[null, '🐛'], [sf(70), null]]);
    expect(snap.welcome_screen!.channels[0].emoji_id).toBe(sf(70));
  });

  it('keeps onboarding prompts and their choices in Discord\'s order (what new members see), not by id', () => {
    const exp = fixtureExport();
    const prompt = exp.onboarding!.prompts[0];
    exp.onboarding!.prompts = [{ ...prompt, id: sf(88), title: 'Second by id, first shown' }, prompt];
    prompt.choices![0].channel_ids.reverse();
    const snap = toSnapshotJson(exp);
    expect(snap.onboarding!.prompts.map((p) => p.id)).toEqual([sf(88), sf(82)]);
    expect(snap.onboarding!.prompts[1].choices!.map((c) => c.id)).toEqual([sf(86), sf(85), sf(84)]);
    // Lists inside a choice are sets: sorted as everywhere else.
    expect(snap.onboarding!.prompts[1].choices![0].channel_ids).toEqual([sf(20), sf(21)]);
  });
});
