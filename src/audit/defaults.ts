import type { Severity } from '../schema/types.js';

/** Severity weights in the manner of OpenSSF Scorecard's risk levels. */
export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 7.5, medium: 5, low: 2.5 };

/** Thresholds checks read; a config file may change any of them (and only these). */
export const DEFAULT_THRESHOLDS = {
  /** stale_channels: days without a message. */
  stale_days: 90,
  /** too_many_admin_roles: non-bot roles allowed to hold Administrator. */
  max_admin_roles: 2,
  /** verification_level_low: 2 = medium (account registered 5+ minutes). */
  min_verification_level: 2,
  /** member_overwrite_sprawl: member-specific overwrites tolerated across the server. */
  max_member_overwrites: 10,
  /** low_activity: online / members below this fails. */
  min_presence_ratio: 0.05,
  /** low_activity: below this many members the ratio is not judged. */
  activity_min_members: 50,
} as const;
