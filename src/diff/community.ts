import type { ExportOnboarding, ExportWelcomeScreen, GuildExport } from '../schema/types.js';
import type { DiffChange } from './types.js';
import { diffById } from './by-id.js';
import { change, show, stableJson } from './util.js';
import type { NameBook } from './names.js';

/** Onboarding, the welcome screen and soundboard sounds: what a newcomer is shown and what members can play. */
export function diffCommunity(before: GuildExport, after: GuildExport, names: NameBook): DiffChange[] {
  const channels = (ids: unknown): string => (Array.isArray(ids) ? ids.map((id) => names.channel(String(id))).join(', ') : '') || '(none)';
  return [
    ...objectChange('onboarding', 'onboarding', before.onboarding, after.onboarding, [
      ['enabled', (o: ExportOnboarding) => o.enabled],
      ['mode', (o) => o.mode],
      ['default channels', (o) => [...(o.default_channel_ids ?? [])].sort(), channels],
      ['prompts', (o) => (o.prompts ?? []).map((p) => `${p.title}${p.required ? ' (required)' : ''}: ${p.options} option(s)`).sort(), (v) => (v as string[]).join('; ') || '(none)'],
    ]),
    ...objectChange('welcome_screen', 'welcome screen', before.welcome_screen, after.welcome_screen, [
      ['description', (w: ExportWelcomeScreen) => w.description],
      ['channels', (w) => (w.channels ?? []).map((c) => c.channel_id).sort(), channels],
    ]),
    ...diffById(before.soundboard ?? [], after.soundboard ?? [], {
      entity: 'sound',
      name: (s) => s.name ?? '',
      fields: [
        ['volume', (s) => s.volume],
        ['available', (s) => s.available],
      ],
      added: () => ({ severity: 'info' }),
      removed: 'info',
      changed: 'info',
    }),
  ];
}

type Field<T> = [label: string, get: (item: T) => unknown, display?: (value: unknown) => string];

/** A settings object that may be absent ("none") on either side: set up, removed, or its fields changed. */
function objectChange<T>(entity: string, label: string, before: T | null, after: T | null, fields: Field<T>[]): DiffChange[] {
  if (!before && !after) return [];
  if (!before) return [change('added', 'low', entity, entity, label, `${label} set up`)];
  if (!after) return [change('removed', 'medium', entity, entity, label, `${label} removed`)];
  const differing = fields.filter(([, get]) => stableJson(get(before)) !== stableJson(get(after)));
  if (differing.length === 0) return [];
  const details = differing.map(([name, get, display = show]) => `${name}: ${display(get(before))} -> ${display(get(after))}`);
  return [change('changed', 'low', entity, entity, label, `changed ${differing.map(([name]) => name).join(', ')}`, { details })];
}
