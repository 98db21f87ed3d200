import type { GuildExport } from '../schema/types.js';
import { renderHealthMarkdown } from '../audit/index.js';
import { renderChannels, renderAccess } from './markdown/channels.js';
import { renderAutomod, renderBots, renderForums, renderInvites, renderThreads, renderVoice, renderWebhooks } from './markdown/community.js';
import { renderEvents, renderExpressions, renderIntegrations, renderOnboarding } from './markdown/extras.js';
import { Names } from './markdown/format.js';
import { renderRoles } from './markdown/roles.js';
import { renderErrors, renderServer } from './markdown/server.js';
import { memberIds, scrubSummary } from './privacy.js';
import { markCoverage } from './markdown/coverage-notes.js';

/** snapshot.md: the server's configuration for humans and git; deterministic, no volatile values, no member identities. */
export function renderSnapshotMarkdown(exp: GuildExport): string {
  const names = new Names(exp);
  const health = renderHealthMarkdown(scrubSummary(exp.summary, memberIds(exp)));
  const sections = [
    renderServer(exp, names),
    health.endsWith('\n') ? health : `${health}\n`,
    renderRoles(exp),
    renderChannels(exp, names),
    renderAccess(exp, names),
    renderThreads(exp, names),
    renderForums(exp),
    renderVoice(exp, names),
    renderAutomod(exp, names),
    renderInvites(exp, names),
    renderWebhooks(exp, names),
    renderBots(exp, names),
    renderExpressions(exp, names),
    renderEvents(exp, names),
    renderIntegrations(exp, names),
    renderOnboarding(exp, names),
    renderErrors(exp),
  ];
  return markCoverage(sections.join('\n'), exp);
}
