/**
 * The CLI's exit statuses, one table so every command and the help text agree. The 6x codes follow sysexits.h,
 * which scripts already know: 64 a usage error, 66 an input file that cannot be used.
 */
export const EXIT = {
  ok: 0,
  /** export --strict: some collector failed (partial export). */
  partial: 1,
  /** diff --exit-code / --fail-on: the diff holds what the option fails on. */
  diffFound: 1,
  /** export: Discord refused the whole export (bad token, unknown server). */
  fatal: 2,
  usage: 64,
  /** audit / diff: an input file missing, unreadable, not JSON or not an export. */
  input: 66,
  /** A bug: the message asks for a report. */
  internal: 70,
  /** 128 + the signal's number, as shells report a process a signal ended. */
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/** An input file the command cannot use (exit 66): the message says which file and why. */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}
