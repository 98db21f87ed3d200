import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (the same main() the bundle runs). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const progress = new PassThrough() as unknown as NodeJS.WriteStream;
  (progress as unknown as PassThrough).on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    progressStream: progress,
  });
  return { code, stdout, stderr };
}
