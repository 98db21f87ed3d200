import * as core from '@actions/core';
import { redact } from '../config/redact.js';
import { logLine } from '../text/escape.js';

/**
 * The Action's log. Every line that can carry outside text (Discord's and GitHub's messages, server names, paths)
 * leaves through here: tokens redacted, then made one line the runner cannot read as a workflow command.
 */
export interface ActionLog {
  info(text: string): void;
  warning(text: string, title?: string, at?: AnnotationPlace): void;
  error(text: string, title?: string, at?: AnnotationPlace): void;
  /** Fails the step; each message is one line (several are listed on separate lines of the annotation). */
  fail(messages: string | string[]): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Redacts tokens from text bound for a file (the job summary): files are not the log, so no other change. */
  redact(text: string): string;
}

/** Where an annotation points: a repository file and line (the runner shows it on the file in a pull request). */
export interface AnnotationPlace {
  file: string;
  line?: number;
}

export function createActionLog(secrets: string[]): ActionLog {
  const clean = (text: string) => logLine(redact(text, secrets));
  const props = (title?: string, at?: AnnotationPlace) => {
    if (!title && !at) return undefined;
    return { ...(title ? { title: clean(title) } : {}), ...(at ? { file: clean(at.file), ...(at.line ? { startLine: at.line } : {}) } : {}) };
  };
  return {
    info: (text) => core.info(clean(text)),
    warning: (text, title, at) => core.warning(clean(text), props(title, at)),
    error: (text, title, at) => core.error(clean(text), props(title, at)),
    fail: (messages) => core.setFailed((Array.isArray(messages) ? messages : [messages]).map(clean).join('\n')),
    group: (name, fn) => core.group(clean(name), fn),
    redact: (text) => redact(text, secrets),
  };
}
