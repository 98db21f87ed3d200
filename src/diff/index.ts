export type { DiffChange, DiffResult, DiffSeverity } from './types.js';
export { diffExports, compareChanges } from './diff-exports.js';
export { renderDiffMarkdown } from './render-markdown.js';
export { renderDiffCommitBody, NO_CHANGES } from './render.js';
export { normalizeExport, DiffInputError } from './normalize.js';
