import type { CheckOutcome, ChannelAccess, ExportChannel, ExportRole, GuildExport, Severity } from '../schema/types.js';

/** One piece of evidence: the ids and names involved (never member names; members are only counted). */
export interface Evidence {
  id: string;
  name: string;
  detail?: string;
}

/** Static description of a check, kept beside its code. */
export interface CheckMeta {
  id: string;
  /** The finding's title, worded as the problem: shown for a failing check. */
  title: string;
  /** A neutral name ("AutoMod rules"): shown for a check that passed, did not apply or could not run, where the
   * problem-worded title would claim a failure that is not there. */
  name: string;
  category: 'settings' | 'moderation' | 'permissions' | 'roles' | 'channels' | 'invites' | 'bots' | 'activity';
  severity: Severity;
  /** Overrides the severity weight; rarely needed. */
  weight?: number;
  motivation: string;
  remediation: { text: string; effort: 'low' | 'medium' | 'high' };
  /** True for moderation infrastructure a small community can reasonably do without (see score.ts). */
  scaleBySize?: boolean;
}

/** What a check's run returns; the runner adds metadata, weight and sorting. */
export interface CheckRun {
  outcome: Exclude<CheckOutcome, 'error'>;
  /** 0..1 for pass/fail; defaults to 1 for pass and 0 for fail. */
  score?: number;
  message: string;
  evidence?: Evidence[];
}

/** Everything a check may read besides the export: thresholds and derived helpers. */
export interface CheckContext {
  /** "Now" for staleness: the export's own timestamp, so the audit is pure over the export. */
  now: number;
  thresholds: Record<string, number>;
  everyone: ExportRole | null;
  /** Member count used for size calibration (0 when unknown). */
  memberCount: number;
  /** Effective access keyed by channel id. Reading it when roles or channels were not collected ends the check as
   * not_applicable, like reading those sections (see view.ts). */
  access: Map<string, ChannelAccess>;
  channelById: Map<string, ExportChannel>;
  roleById: Map<string, ExportRole>;
}

export interface Check {
  meta: CheckMeta;
  /** `exp` is a view (view.ts): reading a section that was not collected ends the check as not_applicable. */
  run(exp: GuildExport, ctx: CheckContext): CheckRun;
}
