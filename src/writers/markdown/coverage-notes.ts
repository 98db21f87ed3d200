import type { GuildExport } from '../../schema/types.js';
import { coverageMap, type Section } from '../../schema/coverage.js';
import { cell } from './format.js';

/** snapshot.md's section headings and the export sections each one shows. */
const SECTIONS_BY_TITLE: Record<string, Section[]> = {
  'Server settings': ['server'],
  Roles: ['roles'],
  Channels: ['channels'],
  'Private channels': ['access'],
  Threads: ['threads'],
  Forums: ['forums'],
  'Voice and stage': ['voice', 'stage'],
  'AutoMod rules': ['automod'],
  Invites: ['invites'],
  Webhooks: ['webhooks'],
  Bots: ['bots'],
  Emojis: ['emojis'],
  Stickers: ['stickers'],
  Soundboard: ['soundboard'],
  'Scheduled events': ['events'],
  Integrations: ['integrations'],
  'Welcome screen': ['welcome_screen'],
  Onboarding: ['onboarding'],
  Bans: ['bans'],
};

/**
 * Makes snapshot.md say "not collected" (with the reason) where a section was not collected, instead of the empty
 * table's "No bots." its renderer would show for an empty list, and "partial" above a section read in part. Applied to
 * the rendered document so that no section renderer, present or future, can forget it.
 */
export function markCoverage(markdown: string, exp: GuildExport): string {
  const coverage = coverageMap(exp);
  const lines = markdown.split('\n');
  const out: string[] = [];
  let banner = exp.meta.fatal
    ? [`**The export failed: ${cell(exp.meta.fatal.message)}** What to do: ${cell(exp.meta.fatal.hint)} Nothing below was collected, and nothing was scored.`, '']
    : [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (banner.length && line.startsWith('## ')) {
      out.push(...banner);
      banner = [];
    }
    const sections = line.startsWith('## ') ? SECTIONS_BY_TITLE[line.slice(3)] : undefined;
    out.push(line);
    if (!sections) continue;
    const missing = sections.flatMap((s) => {
      const c = coverage.get(s);
      return c?.state === 'not_collected' ? [[s, c.reason] as const] : [];
    });
    const partial = sections.flatMap((s) => {
      const c = coverage.get(s);
      return c?.state === 'partial' ? [[s, c.reason] as const] : [];
    });
    const name = (s: Section, all: readonly unknown[]) => (sections.length > 1 || all.length > 1 ? `${s}: ` : '');
    if (missing.length === sections.length) {
      // The whole body would describe an empty list: replace it, up to the next section.
      out.push('', ...missing.map(([s, why]) => `_Not collected: ${name(s, missing)}${cell(why)}._`), '');
      while (i + 1 < lines.length && !lines[i + 1].startsWith('## ')) i++;
      continue;
    }
    const notes = [
      ...missing.map(([s, why]) => `_Not collected: ${s}: ${cell(why)} (its table below is empty for that reason)._`),
      ...partial.map(([s, why]) => `_Partial: ${name(s, partial)}${cell(why)}; what is listed is what was read._`),
    ];
    if (notes.length) out.push('', ...notes);
  }
  return out.join('\n');
}
