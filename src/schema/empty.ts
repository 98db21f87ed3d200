import { SCHEMA_VERSION, type GuildExport, type MembersMode } from './types.js';
import { EXPORTER_NAME, EXPORTER_VERSION } from '../version.js';

/** A well-formed export with nothing collected yet: the base every pipeline run and test fixture fills in. */
export function emptyExport(guildId: string, options: { members?: MembersMode; demo?: boolean } = {}): GuildExport {
  return {
    meta: {
      schema_version: SCHEMA_VERSION,
      exporter: { name: EXPORTER_NAME, version: EXPORTER_VERSION },
      exported_at: new Date(0).toISOString(),
      duration_ms: 0,
      scope: {
        guild_id: guildId,
        members: options.members ?? 'full',
        max_members: null,
        members_truncated: false,
        demo: options.demo ?? false,
      },
      collectors: {},
    },
    server: null,
    roles: [],
    channels: [],
    members: [],
    member_stats: null,
    threads: [],
    forums: [],
    voice: [],
    stage: [],
    automod: [],
    invites: [],
    bots: [],
    emojis: [],
    stickers: [],
    events: [],
    webhooks: [],
    integrations: [],
    welcome_screen: null,
    onboarding: null,
    bans: null,
    soundboard: [],
    access: [],
    summary: {
      health_score: null,
      total_roles: null,
      total_channels: null,
      total_members: null,
      total_bots: null,
      issues_found: [],
      llm_audit_prompt: '',
      findings: [],
      checks: [],
    },
    errors: [],
  };
}
