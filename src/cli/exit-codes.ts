/**
 * The CLI's exit statuses, one table so every command and the help text agree. The 6x and 7x codes follow
 * sysexits.h, which scripts already know: 64 a usage error, 66 an input file that cannot be used, 73 an output
 * file that cannot be created, 74 an input/output error such as a full disk.
 */
export const EXIT = {
  ok: 0,
  /** export --strict: some collector failed (partial export). */
  partial: 1,
  /** diff --exit-code / --fail-on: the diff holds what the option fails on. */
  diffFound: 1,
  /** export: Discord refused the whole export (bad token, unknown server); the last good files stay. */
  fatal: 2,
  usage: 64,
  /** audit / diff: an input file missing, unreadable, too large, not JSON or not an export. */
  input: 66,
  /** A bug: the message asks for a report. */
  internal: 70,
  /** EX_CANTCREAT: an output file cannot be created (permission denied, read-only file system). */
  cantCreate: 73,
  /** EX_IOERR: writing failed part-way (the disk is full, an I/O error). */
  ioError: 74,
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

/**
 * A file the command could not write (exit 73 or 74): the environment's problem, not a bug. The message says
 * which file, why, and that the files already in place were left as they were.
 */
export class OutputError extends Error {
  constructor(message: string, readonly exitCode: typeof EXIT.cantCreate | typeof EXIT.ioError, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutputError';
  }
}
