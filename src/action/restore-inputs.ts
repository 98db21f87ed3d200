/** The inputs that turn the Action from recording a server into changing it: `mode` and its safety switches. */
export const ACTION_MODES = ['export', 'plan', 'apply'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];
export const RESTORE_INPUT_NAMES = ['mode', 'allow-writes', 'fail-on-skip', 'prune'] as const;
export type RestoreInputName = (typeof RESTORE_INPUT_NAMES)[number];

export interface RestoreInputs {
  mode: ActionMode;
  /** `apply` writes to Discord only with this set in the workflow file, where a reviewer sees it. */
  allowWrites: boolean;
  /** `plan` fails the check when the plan holds skips (something that cannot be applied). */
  failOnSkip: boolean;
  /** Plans and applies deletions of what the server has and the snapshot does not. */
  prune: boolean;
}

/** Validates the mode inputs; problems are added to the Action's one list of input errors. */
export function parseRestoreInputs(get: (name: RestoreInputName) => string, problems: string[]): RestoreInputs {
  const bool = (name: RestoreInputName, fallback: boolean): boolean => {
    const value = get(name).trim();
    if (value === '') return fallback;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    problems.push(`${name} must be true or false (got "${value}").`);
    return fallback;
  };
  const given = get('mode').trim() || 'export';
  const mode = (ACTION_MODES as readonly string[]).includes(given) ? (given as ActionMode) : 'export';
  if (mode !== given) problems.push(`mode must be one of ${ACTION_MODES.join(' | ')} (got "${given}").`);
  return { mode, allowWrites: bool('allow-writes', false), failOnSkip: bool('fail-on-skip', true), prune: bool('prune', false) };
}
