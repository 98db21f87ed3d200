import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import { run } from '../../src/action/main.js';
import type { FakeGitHub } from '../fakes/github/index.js';
import { parseOutputFile } from '../e2e/action-harness.js';

export interface InProcessRun {
  /** What the Action wrote to stdout (its log, workflow commands included). */
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
  /** The step failed (process.exitCode 1). */
  failed: boolean;
}

/**
 * Runs the Action in this process as the runner drives it: INPUT_* variables, real GITHUB_OUTPUT and step summary
 * files in `dir`, the fake GitHub as the API and the Actions runtime. Call restoreAfterEachRun() in the describe
 * block: it puts process.env and process.exitCode back after each test. @actions/core keeps the summary file's path once read: one path per `dir`,
 * emptied before each run.
 */
export async function runActionInProcess(dir: string, github: FakeGitHub, inputs: Record<string, string>, event?: RunnerEvent): Promise<InProcessRun> {
  const summaryPath = join(dir, 'summary.md');
  const outputPath = join(dir, 'output.txt');
  const eventPath = join(dir, 'event.json');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const repository = { private: true, fork: false, full_name: `${github.owner}/${github.repo}` };
  writeFileSync(eventPath, JSON.stringify({ repository, ...event?.payload }));
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: '4242', RUNNER_TEMP: dir, GITHUB_REPOSITORY: `${github.owner}/${github.repo}`, GITHUB_API_URL: github.apiUrl,
    ACTIONS_RUNTIME_TOKEN: github.runtimeToken, ACTIONS_RESULTS_URL: github.resultsUrl,
    GITHUB_EVENT_NAME: event?.name ?? 'schedule', ...(event?.sha ? { GITHUB_SHA: event.sha } : {}),
  });
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return { stdout, summary: readFileSync(summaryPath, 'utf8'), outputs: parseOutputFile(readFileSync(outputPath, 'utf8')), failed: process.exitCode === 1 };
}

/** The event that started the run: its name (GITHUB_EVENT_NAME), its payload's fields and the commit (GITHUB_SHA). */
export interface RunnerEvent {
  name: string;
  payload?: Record<string, unknown>;
  sha?: string;
}

/** Registers an afterEach that undoes what a run changes in this process: the environment and the exit code. */
export function restoreAfterEachRun(): void {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });
}
