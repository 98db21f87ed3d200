/** What a CLI command may touch: injected so tests run commands in-process with captured output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where the live progress display goes (stderr in the real CLI). */
  progressStream: NodeJS.WriteStream;
}
