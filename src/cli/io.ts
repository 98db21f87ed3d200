/** What a CLI command may touch: injected so tests run commands in-process with captured output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where the live progress display goes (stderr in the real CLI). */
  progressStream: NodeJS.WriteStream;
  /**
   * Runs `onSignal` on SIGINT/SIGTERM, then ends the process with 128 + the signal's number; returns the function
   * that removes the trap. Only the real process has one (bin.ts): commands run in tests are never interrupted.
   */
  trapInterrupts?: (onSignal: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void;
}
