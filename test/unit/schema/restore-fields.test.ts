import { describe, expect, it } from 'vitest';
import { validateExport } from '../../../src/schema/validate.js';
import { toWire } from '../../../src/schema/wire.js';
import { fixtureExport } from '../writers/fixture.js';

type Loose = Record<string, unknown> & { roles: Record<string, unknown>[]; channels: Record<string, unknown>[];
  onboarding: { prompts: Record<string, unknown>[] }; welcome_screen: { channels: Record<string, unknown>[] } };

const ADDED_IN_2_2 = ['icon', 'unicode_emoji', 'video_quality_mode', 'default_thread_rate_limit_per_user', 'default_reaction_emoji',
  'default_sort_order', 'default_forum_layout', 'emoji_id', 'emoji_name', 'single_select', 'in_onboarding', 'choices'];

/** The writers' fixture as a file written by 2.1: every field schema 2.2.0 added taken out. */
const olderFile = (): Loose => {
  const file = JSON.parse(JSON.stringify(toWire(fixtureExport()))) as Loose;
  (file.meta as { schema_version: string }).schema_version = '2.1.0';
  const strip = (records: Record<string, unknown>[]) => records.forEach((r) => ADDED_IN_2_2.forEach((key) => delete r[key]));
  strip(file.roles);
  strip(file.channels);
  for (const c of file.channels) if (Array.isArray(c.available_tags)) strip(c.available_tags as Record<string, unknown>[]);
  for (const f of file.forums as { tags: Record<string, unknown>[] }[]) strip(f.tags);
  strip(file.onboarding.prompts);
  // emoji_name was there before 2.2.0 in the welcome screen: only emoji_id is new.
  for (const c of file.welcome_screen.channels) delete c.emoji_id;
  expect(JSON.stringify([file.roles, file.channels, file.forums, file.onboarding, file.welcome_screen])).not.toMatch(
    /"(icon|unicode_emoji|video_quality_mode|default_(thread_rate|reaction|sort|forum)[a-z_]*|emoji_id|choices|single_select|in_onboarding)"/);
  return file;
};

describe('schema 2.2.0 adds fields without making older files invalid', () => {
  it('a file without any of the 2.2.0 fields validates', () => {
    expect(validateExport(olderFile()).errors).toEqual([]);
  });

  it('the 2.2.0 fields validate when present, null included, and are checked when wrong', () => {
    const file = olderFile();
    Object.assign(file.roles[0], { icon: null, unicode_emoji: '💎' });
    Object.assign(file.channels[0], { video_quality_mode: 2, default_thread_rate_limit_per_user: null,
      default_reaction_emoji: { emoji_id: '123456789012345678', emoji_name: null }, default_sort_order: null, default_forum_layout: 1 });
    Object.assign(file.welcome_screen.channels[0], { emoji_id: null });
    Object.assign(file.onboarding.prompts[0], { single_select: true, in_onboarding: false, choices: [
      { id: '123456789012345679', title: 'Art', description: null, emoji_id: null, emoji_name: '🎨', role_ids: [], channel_ids: [] }] });
    expect(validateExport(file).errors).toEqual([]);

    file.roles[0].unicode_emoji = 5;
    file.channels[0].default_reaction_emoji = { emoji_id: 'x', emoji_name: null };
    (file.onboarding.prompts[0].choices as Record<string, unknown>[])[0].role_ids = ['nope'];
    const errors = validateExport(file).errors;
    expect(errors).toContain('/roles/0/unicode_emoji: must be string,null');
    expect(errors).toContain('/channels/0/default_reaction_emoji/emoji_id: must match pattern "^\\d{17,20}$"');
    expect(errors).toContain('/onboarding/prompts/0/choices/0/role_ids/0: must match pattern "^\\d{17,20}$"');
  });

  it('unknown keys are still refused inside the new objects', () => {
    const file = olderFile();
    file.channels[0].default_reaction_emoji = { emoji_id: null, emoji_name: '👍', token: 'x' };
    expect(validateExport(file).errors).toContain('/channels/0/default_reaction_emoji: unexpected key "token" (the schema does not allow it; secrets such as tokens must never be exported)');
  });
});
