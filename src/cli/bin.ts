#!/usr/bin/env node
// The installed command's entry point (dist/cli.js loads the bundle of this file): it always runs main(), however
// it was started (a symlink from `npm install -g`, npx, a copy). main.ts only exports, so tests can import it.
import { main } from './main.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

/**
 * Writes to a stream that may be a closed pipe (`... | head`): the reader is gone, so the rest of the output is
 * dropped quietly and the command finishes its work (an export still writes its files) with its own status.
 */
function pipeSafe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return (text) => {
    if (!closed && !stream.destroyed) stream.write(text);
  };
}

const io: CliIo = {
  stdout: pipeSafe(process.stdout),
  stderr: pipeSafe(process.stderr),
  env: process.env,
  progressStream: process.stderr,
  trapInterrupts(onSignal) {
    const handler = (signal: 'SIGINT' | 'SIGTERM') => {
      try {
        onSignal(signal);
      } finally {
        // Requests may still be in flight: end now, with the status shells give a process the signal ended.
        process.exit(EXIT[signal]);
      }
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main() catches everything; this is the last resort, so nothing ends in an unhandled rejection.
    process.stderr.write(`Unexpected error: ${String(error)}\n`);
    process.exitCode = EXIT.internal;
  },
);
