#!/usr/bin/env node
// docs/action.md's tables of the Action's inputs and outputs, generated from action.yml so the two cannot drift:
// `node scripts/action-docs.mjs` rewrites the block between the markers; `--check` exits 1 when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- action-docs:start (generated from action.yml by scripts/action-docs.mjs) -->';
const END = '<!-- action-docs:end -->';

/** One table cell: a single line, pipes escaped. */
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

/** The Markdown tables for action.yml's text. */
export function renderActionDocs(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const fallback = input.default === undefined || input.default === '' ? '' : `\`${cell(input.default)}\``;
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`;
  });
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return [
    START,
    '',
    '| input | default | meaning |',
    '| --- | --- | --- |',
    ...inputs,
    '',
    '| output | meaning |',
    '| --- | --- |',
    ...outputs,
    '',
    END,
  ].join('\n');
}

/** The page with its generated block replaced (or null when the markers are missing). */
export function updateReadme(readme, actionYml) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) return null;
  return readme.slice(0, start) + renderActionDocs(actionYml) + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = join(root, 'docs/action.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = updateReadme(readme, readFileSync(join(root, 'action.yml'), 'utf8'));
  if (updated === null) {
    console.error(`docs/action.md has no block between "${START}" and "${END}".`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('docs/action.md\'s inputs/outputs tables differ from action.yml: run node scripts/action-docs.mjs');
      process.exit(1);
    }
  } else if (updated !== readme) {
    writeFileSync(readmePath, updated);
  }
}
