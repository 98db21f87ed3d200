import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CHECK_IDS } from './checks/index.js';
import { DEFAULT_THRESHOLDS } from './defaults.js';
import { ConfigError } from '../config/validate.js';

/** Repo-level audit settings: disabled checks (with reasons), weight and threshold overrides, and where they came from. */
export interface AuditConfig {
  disabled: Record<string, string>;
  weights: Record<string, number>;
  thresholds: { stale_days: number; max_admin_roles: number; [k: string]: number };
  /** The file the settings were read from; null for the defaults. */
  source: string | null;
}

/** The largest weight a config may give a check (the built-in severity weights are 2.5 to 10). */
export const MAX_WEIGHT = 100;

/** File names looked up in the working directory when no path is given, in order. */
export const CONFIG_FILE_NAMES = ['.discord-audit.yml', '.discord-audit.yaml', '.discord-audit.json'];

/** The built-in settings: nothing disabled, severity weights, default thresholds. */
export function defaultAuditConfig(): AuditConfig {
  return { disabled: {}, weights: {}, thresholds: { ...DEFAULT_THRESHOLDS }, source: null };
}

/** Reads the audit config from `path`, or from a .discord-audit.* file in the cwd, or returns the defaults. */
export function loadAuditConfig(path?: string | null): AuditConfig {
  const file = path ? resolve(path) : CONFIG_FILE_NAMES.map((n) => join(process.cwd(), n)).find((p) => existsSync(p));
  if (!file) return defaultAuditConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read audit config ${file}: ${(err as Error).message}. Check the path given to --config.`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`Audit config ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  return parseAuditConfig(raw ?? {}, file);
}

/** Validates a parsed config object; every problem names the file and the key to fix. */
export function parseAuditConfig(raw: unknown, source: string): AuditConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`Audit config ${source}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a mapping with keys disabled, weights, thresholds.');
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['disabled', 'weights', 'thresholds'].includes(key)) fail(`unknown key "${key}"; allowed: disabled, weights, thresholds.`);
  }
  const section = (key: string): Record<string, unknown> => {
    const v = obj[key] ?? {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`"${key}" must be a mapping (id: value).`);
    return v as Record<string, unknown>;
  };
  const knownCheck = (id: string, key: string): void => {
    if (!CHECK_IDS.includes(id)) fail(`${key}.${id}: no check has this id. Known ids: ${[...CHECK_IDS].sort().join(', ')}.`);
  };
  const config = defaultAuditConfig();
  config.source = source;
  for (const [id, reason] of Object.entries(section('disabled'))) {
    knownCheck(id, 'disabled');
    if (typeof reason !== 'string' || reason.trim() === '') fail(`disabled.${id}: give the reason as text, e.g. ${id}: "why it does not apply here".`);
    config.disabled[id] = (reason as string).trim();
  }
  for (const [id, weight] of Object.entries(section('weights'))) {
    knownCheck(id, 'weights');
    // Bounded so that no sum of weights can overflow to Infinity and no score to NaN.
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) {
      fail(`weights.${id}: expected a number from 0 to ${MAX_WEIGHT}, got ${typeof weight === 'number' ? String(weight) : JSON.stringify(weight)}.`);
    }
    config.weights[id] = weight as number;
  }
  for (const [name, value] of Object.entries(section('thresholds'))) {
    // Own keys only: `constructor` or `toString` are "in" every object but are no threshold.
    if (!Object.hasOwn(DEFAULT_THRESHOLDS, name)) fail(`thresholds.${name}: unknown threshold. Known: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')}.`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`thresholds.${name}: expected a number >= 0, got ${JSON.stringify(value)}.`);
    config.thresholds[name] = value as number;
  }
  return config;
}
