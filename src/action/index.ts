import * as core from '@actions/core';
import { run } from './main.js';
import { readRawInputs, secretInputs } from './inputs.js';
import { redact } from '../config/redact.js';

// One top-level catch: anything unexpected fails the step with its message, tokens removed.
run().catch((err: unknown) => {
  const text = err instanceof Error ? err.stack ?? err.message : String(err);
  core.setFailed(`Unexpected error: ${redact(text, secretInputs(readRawInputs()))}. Please report it with this log.`);
});
