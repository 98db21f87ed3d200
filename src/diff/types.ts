export type DiffSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** One configuration change between two exports. */
export interface DiffChange {
  /** added | removed | renamed | moved | changed | permissions_gained | permissions_lost | overwrite_added |
   * overwrite_removed | overwrite_changed | became_public | became_private | setting_changed | setting_lowered |
   * setting_raised */
  kind: string;
  severity: DiffSeverity;
  /** guild | feature | role | bot | category | channel | thread | webhook | invite | automod | integration | emoji |
   * sticker | event | onboarding | welcome_screen | sound */
  entity: string;
  id: string;
  name: string;
  summary: string;
  details?: string[];
  /** True for changes that widen access or lower protection: listed first. */
  escalation: boolean;
}

/** A section the diff could not compare (or compared only in part), and why. */
export interface SectionNote {
  /** The export section: server, roles, channels, access (channel visibility), bots, invites... */
  section: string;
  /** What a reader calls it. */
  label: string;
  reason: string;
}

export interface DiffResult {
  changes: DiffChange[];
  /** Sections not compared because one side did not collect them: their changes, if any, are unknown. */
  not_compared: SectionNote[];
  /** Sections compared although one side holds only part of them: removals and additions there may not be real. */
  partly_compared: SectionNote[];
  /** Sections the diff never compares (membership and activity, not configuration), whatever both sides hold; always
   * set by diffExports (optional for results built elsewhere). */
  out_of_scope?: SectionNote[];
  /** Number of changes: `total`, then one key per severity (always present, zero included). */
  counts: Record<string, number>;
  escalations: number;
}

export const SEVERITIES: readonly DiffSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];
