export type { DiffChange, DiffResult, DiffSeverity } from './types.js';
export { diffExports, compareChanges } from './diff-exports.js';
export { renderDiffMarkdown } from './render-markdown.js';
export { renderDiffText } from './render-text.js';
export { renderDiffCommitBody, NO_CHANGES, NO_CHANGES_COMPARED, coverageNotes } from './render.js';
export { normalizeExport, DiffInputError } from './normalize.js';
