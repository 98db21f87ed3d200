import type { MembersMode } from '../schema/types.js';
import type { CollectorName } from '../collectors/index.js';
import type { AiSettings } from '../ai/settings.js';

export type OutputFormat = 'json' | 'markdown' | 'prompt' | 'zip';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'markdown', 'prompt', 'zip'];

/** Everything one export run needs, validated, with no IO left to do. */
export interface ExportConfig {
  guildId: string | null;
  /** Every guild of the run when several were given (`--guild a,b,c`); guildId is the first of them. */
  guildIds?: string[];
  token: string | null;
  apiBase: string | null;
  demo: boolean;
  outDir: string;
  only: CollectorName[] | null;
  skip: CollectorName[];
  members: MembersMode;
  maxMembers: number | null;
  formats: OutputFormat[];
  strict: boolean;
  auditConfigPath: string | null;
  promptBudget: number;
  /** Request timeout in ms. */
  timeoutMs?: number;
  /** Rate-limit reset offset in ms (benchmarks scale it with the fake's time scale). */
  rateLimitOffsetMs?: number;
  /** The client's own global budget per second (Discord: 50; benchmarks with scaled limits raise it). */
  globalRequestsPerSecond?: number;
  /** Plain log lines (never the token: see redact). */
  log?: (line: string) => void;
  /** Values to scrub from anything printed or written (the token is always included). */
  secrets?: string[];
  /** Keep live invite codes in export.json (default true); snapshot.json and snapshot.md never hold them. */
  inviteCodes?: boolean;
  /** Keep the emojis' and stickers' images in export.zip (images/emojis, images/stickers) for a restore; default false. */
  keepImages?: boolean;
  /** Where emoji and sticker images are fetched from instead of Discord's CDN (the demo's fake); absent: Discord's. */
  cdnBase?: string | null;
  /** Ask a model to review the audit (ai-review.md); null or absent: no review. */
  ai?: AiSettings | null;
}
