import type { GuildExport } from '../schema/types.js';
import type { DiffChange } from './types.js';
import { diffById } from './by-id.js';
import type { NameBook } from './names.js';

const sortedIds = (ids: string[] | null | undefined): string[] => [...(ids ?? [])].sort();

/** Threads, webhooks, automod rules, integrations, emojis, stickers and scheduled events: added, removed, renamed, changed. */
export function diffOthers(before: GuildExport, after: GuildExport, names: NameBook): DiffChange[] {
  const roleList = (ids: unknown): string => (ids as string[]).map((id) => names.role(id)).join(', ') || '(none)';
  const channelList = (ids: unknown): string => (ids as string[]).map((id) => names.channel(id)).join(', ') || '(none)';
  const channel = (id: unknown): string => names.channel((id as string | null) ?? null);
  return [
    ...diffById(before.threads, after.threads, {
      entity: 'thread',
      name: (t) => t.name ?? '',
      fields: [
        ['parent', (t) => t.parent ?? null, channel],
        ['archived', (t) => t.archived],
        ['locked', (t) => t.locked],
      ],
      added: () => ({ severity: 'info' }),
      removed: 'info',
      changed: 'info',
    }),
    // Tokens and URLs are never exported, so nothing secret can reach the diff.
    ...diffById(before.webhooks, after.webhooks, {
      entity: 'webhook',
      name: (w) => w.name ?? '(unnamed webhook)',
      fields: [
        ['channel', (w) => w.channel ?? null, channel],
        ['type', (w) => w.type],
      ],
      added: () => ({ severity: 'medium' }),
      removed: 'low',
      changed: 'medium',
    }),
    ...diffById(before.automod, after.automod, {
      entity: 'automod',
      name: (r) => r.name ?? '',
      fields: [
        ['enabled', (r) => r.enabled],
        ['trigger', (r) => r.trigger],
        ['trigger settings', (r) => r.trigger_metadata],
        ['actions', (r) => r.actions],
        ['exempt roles', (r) => sortedIds(r.exempt_roles), roleList],
        ['exempt channels', (r) => sortedIds(r.exempt_channels), channelList],
      ],
      added: () => ({ severity: 'low' }),
      removed: 'medium',
      changed: 'medium',
    }),
    ...diffById(before.integrations, after.integrations, {
      entity: 'integration',
      name: (i) => i.name ?? '',
      fields: [
        ['enabled', (i) => i.enabled],
        ['type', (i) => i.type],
        ['account', (i) => i.account_name],
      ],
      added: () => ({ severity: 'low' }),
      removed: 'info',
    }),
    ...diffById(before.emojis, after.emojis, {
      entity: 'emoji',
      name: (e) => e.name ?? '',
      fields: [
        ['animated', (e) => e.animated],
        ['available', (e) => e.available],
        ['roles', (e) => sortedIds(e.roles), roleList],
      ],
      added: () => ({ severity: 'info' }),
      removed: 'info',
      changed: 'info',
    }),
    ...diffById(before.stickers, after.stickers, {
      entity: 'sticker',
      name: (s) => s.name ?? '',
      fields: [
        ['description', (s) => s.description],
        ['tags', (s) => s.tags],
        ['available', (s) => s.available],
      ],
      added: () => ({ severity: 'info' }),
      removed: 'info',
      changed: 'info',
    }),
    ...diffById(before.events, after.events, {
      entity: 'event',
      name: (e) => e.name ?? '',
      fields: [
        ['status', (e) => e.status],
        ['start', (e) => e.scheduled_start_time],
        ['end', (e) => e.scheduled_end_time],
        ['channel', (e) => e.channel ?? null, channel],
        ['location', (e) => e.location],
      ],
      added: () => ({ severity: 'info' }),
      removed: 'info',
      changed: 'info',
    }),
  ];
}
