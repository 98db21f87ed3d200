/** Runs git plumbing commands against the fake's bare repository. */
import { execFile } from 'node:child_process';

export interface GitIdentity {
  name: string;
  email: string;
  date: string;
}

/** Runs `git <args>` in `gitDir`, feeding `input` on stdin; resolves with stdout (a Buffer when `raw`). */
export function git(gitDir: string, args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<string> {
  return gitRaw(gitDir, args, opts).then((out) => out.toString('utf8'));
}

/** Like git() but keeps stdout as bytes (blob contents may be binary). */
export function gitRaw(gitDir: string, args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        encoding: 'buffer',
        cwd: gitDir,
        maxBuffer: 256 * 1024 * 1024,
        // A clean env keeps the user's git config (signing, hooks) out of the fake's history.
        env: { PATH: process.env.PATH ?? '', GIT_DIR: gitDir, GIT_CONFIG_NOSYSTEM: '1', HOME: gitDir, ...opts.env },
      },
      (error, stdout, stderr) => {
        if (error) {
          const msg = Buffer.from(stderr).toString('utf8').trim();
          reject(new Error(`git ${args.join(' ')} failed in the fake's bare repo: ${msg || error.message}`));
        } else resolve(Buffer.from(stdout));
      },
    );
    // Commands that never read stdin may exit before we write: ignore the resulting EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}

/** The env git reads an author and committer from. */
export function identityEnv(author: GitIdentity, committer: GitIdentity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: author.date,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: committer.date,
  };
}
