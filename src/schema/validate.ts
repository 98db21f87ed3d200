import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import schema from './export.schema.json' with { type: 'json' };

let compiled: ValidateFunction | null = null;
let compiledShape: ValidateFunction | null = null;

// Compiled once, on first use: compiling costs tens of milliseconds and most runs validate once or never.
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    formats.default(ajv, ['date-time']);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Checks `data` against export.schema.json; errors read "<json pointer>: <problem>" (empty when valid). */
export function validateExport(data: unknown): { valid: boolean; errors: string[] } {
  const validate = validator();
  const valid = validate(data) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${where}: unexpected key "${extra}" (the schema does not allow it; secrets such as tokens must never be exported)`;
  }
  return `${where}: ${error.message ?? error.keyword}`;
}

/**
 * The schema's structure and types alone: what every export written by any 1.x or 2.x version (and every
 * snapshot.json, which leaves fields out) satisfies. Fields added later may be missing, keys added later or
 * removed since may be present, and values outside today's lists (a newer channel type) pass; a value of the
 * wrong type (`roles: [null]`, `server: "x"`) does not. The not-collected marker keeps its required key, or any
 * object would pass as one.
 */
const KEPT = new Set(['type', 'properties', 'items', 'anyOf', 'oneOf', 'allOf', '$ref', '$defs', '$schema', '$id', 'additionalProperties', 'prefixItems']);

function shapeOf(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => shapeOf(n));
  if (!node || typeof node !== 'object') return node;
  if (key === 'notCollected') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'properties' || k === '$defs') {
      // Names of properties or definitions, each a schema of its own.
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, s]) => [name, shapeOf(s, k === '$defs' ? name : '')]));
    } else if (k === 'additionalProperties') {
      if (v !== false) out[k] = shapeOf(v);
    } else if (KEPT.has(k)) out[k] = shapeOf(v);
  }
  return out;
}

function shapeValidator(): ValidateFunction {
  if (!compiledShape) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    compiledShape = ajv.compile(shapeOf(schema) as object);
  }
  return compiledShape;
}

/** One problem found by checkExportShape: where (a JSON path such as `$.roles[0].name`) and what. */
export interface ShapeProblem {
  path: string;
  message: string;
}

/**
 * Checks a parsed export.json or snapshot.json (in its file form: null lists and {"not_collected": why} markers
 * are valid) for structure and types only (see shapeOf). Returns the problems, one per JSON path, in document
 * order, at most `max`; empty when the shape is right.
 */
export function checkExportShape(data: unknown, max = 5): ShapeProblem[] {
  const validate = shapeValidator();
  if (validate(data)) return [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of validate.errors ?? []) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  // An error inside a branch that failed also fails the branch's parent: the deepest path names the real problem.
  const paths = [...byPath.keys()].filter((p) => ![...byPath.keys()].some((q) => q !== p && q.startsWith(`${p}/`)));
  return paths.slice(0, max).map((p) => ({ path: jsonPath(p), message: problemAt(byPath.get(p)!, valueAt(data, p)) }));
}

/** "must be object or null (got string)" from the type errors at one path; else the first error's message. */
function problemAt(errors: ErrorObject[], value: unknown): string {
  const types = [...new Set(errors.filter((e) => e.keyword === 'type').flatMap((e) => String((e.params as { type: string | string[] }).type).split(',')))];
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (types.length) return `must be ${types.join(' or ')} (got ${got})`;
  const first = errors.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf') ?? errors[0];
  return `${first.message ?? first.keyword} (got ${got})`;
}

/** `/roles/0/name` -> `$.roles[0].name` */
function jsonPath(pointer: string): string {
  let out = '$';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_][\w]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}
