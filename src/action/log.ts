import * as core from '@actions/core';
import { redact } from '../config/redact.js';
import { logLine } from '../text/escape.js';

/**
 * The Action's log. Every line that can carry outside text (Discord's and GitHub's messages, server names, paths)
 * leaves through here: tokens redacted, then made one line the runner cannot read as a workflow command.
 */
export interface ActionLog {
  info(text: string): void;
  warning(text: string, title?: string): void;
  error(text: string, title?: string): void;
  /** Fails the step; each message is one line (several are listed on separate lines of the annotation). */
  fail(messages: string | string[]): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Redacts tokens from text bound for a file (the job summary): files are not the log, so no other change. */
  redact(text: string): string;
}

export function createActionLog(secrets: string[]): ActionLog {
  const clean = (text: string) => logLine(redact(text, secrets));
  const props = (title?: string) => (title ? { title: clean(title) } : undefined);
  return {
    info: (text) => core.info(clean(text)),
    warning: (text, title) => core.warning(clean(text), props(title)),
    error: (text, title) => core.error(clean(text), props(title)),
    fail: (messages) => core.setFailed((Array.isArray(messages) ? messages : [messages]).map(clean).join('\n')),
    group: (name, fn) => core.group(clean(name), fn),
    redact: (text) => redact(text, secrets),
  };
}
