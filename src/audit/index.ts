// Public surface of the health audit: the CLI, the pipeline and the Action import from here only.
export { loadAuditConfig, defaultAuditConfig, parseAuditConfig, CONFIG_FILE_NAMES, type AuditConfig } from './config.js';
export { runAudit, type AuditResult } from './run.js';
export { applyAuditToSummary } from './summary.js';
export { buildAuditPrompt, DEFAULT_PROMPT_BUDGET } from './prompt.js';
export { renderHealthMarkdown } from './markdown.js';
export { renderAuditText } from './text.js';
export { replaceHealthSection } from './snapshot-section.js';
export { CHECKS, CHECK_IDS } from './checks/index.js';
export { SEVERITY_WEIGHTS, DEFAULT_THRESHOLDS } from './defaults.js';
export { sizeFactor, scoreChecks } from './score.js';
export type { Check, CheckMeta, CheckRun, CheckContext, Evidence } from './types.js';
