export { startFakeDiscord } from './server.js';
export { generateGuild } from './generate.js';
export { demoGuild, DEMO_GUILD_ID, FAKE_BOT_TOKEN, DEMO_PLANTED_PROBLEMS } from './demo.js';
export { DEFAULT_LIMITS } from './limits.js';
export { sparseDropsUser, SPARSE_MISSING_ROUTES } from './sparse.js';
export type {
  FakeDiscord, FakeDiscordOptions, FakeGuild, FakeChannel, FakeStats, WriteRecord, FaultRule, FaultKind, GuildSpec, RateLimitConfig, BucketLimit, TraceEntry,
} from './types.js';
export { RESTORE_BOT_PERMISSIONS, setBotPermissions, botPermissions } from './bot-perms.js';
export { MAX_BODY_BYTES } from './write-dispatch.js';
