import { endSentence } from '../text/sentence.js';
import { run } from './main.js';
import { readRawInputs, secretInputs } from './inputs.js';
import { createActionLog } from './log.js';

// One top-level catch: anything unexpected fails the step with its message, tokens removed, every line escaped
// (an error's message can carry Discord's or GitHub's text).
run().catch((err: unknown) => {
  const log = createActionLog(secretInputs(readRawInputs()));
  const message = err instanceof Error ? err.message : String(err);
  for (const line of (err instanceof Error ? err.stack ?? '' : '').split('\n').slice(1)) if (line.trim()) log.info(line);
  log.fail(`Unexpected error: ${endSentence(message)} Please report it with this log.`);
});
