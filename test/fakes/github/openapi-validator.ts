/** Checks request and response bodies against the operations of GitHub's OpenAPI description, lazily per schema. */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSpec } from './spec.js';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const DOC_ID = 'github-openapi';
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function getAjv(): Ajv {
  if (!ajv) {
    // strict off: the description carries OpenAPI-only keywords (example, x-github, discriminator, ...).
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
    addFormats(ajv);
    ajv.addSchema({ $id: DOC_ID, components: { schemas: toJsonSchema(loadSpec().components.schemas) } });
  }
  return ajv;
}

/**
 * Adapts OpenAPI 3.0's `nullable` to ajv (anyOf with null where no sibling `type`, null added to enums)
 * and drops examples; returns a copy.
 */
function toJsonSchema(node: unknown): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'examples' ? undefined : toJsonSchema(v);
  for (const k of ['example', 'examples']) delete out[k];
  // ajv checks enum before nullable, so a nullable enum must list null itself.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function pickJson(content: Record<string, { schema: unknown }> | undefined): unknown {
  if (!content) return undefined;
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

/** Compiles (once) the schema for a request body or a response status of one operation; null when undocumented. */
function validatorFor(path: string, method: string, part: string): ValidateFunction | null {
  const key = `${method} ${path} ${part}`;
  if (compiled.has(key)) return compiled.get(key)!;
  const op = loadSpec().paths[path]?.[method];
  if (!op) throw new Error(`The fake routes ${method.toUpperCase()} ${path}, which GitHub's OpenAPI description lacks.`);
  const schema = part === 'request' ? pickJson(op.requestBody?.content) : pickJson(op.responses[part]?.content);
  let fn: ValidateFunction | null = null;
  if (schema) {
    // Local refs (#/components/...) must point into the shared document added above.
    const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`));
    fn = getAjv().compile(toJsonSchema(rewritten));
  }
  compiled.set(key, fn);
  return fn;
}

/** Returns a readable violation, or undefined when the body matches (or the operation documents no schema for it). */
export function checkBody(
  op: { path: string; method: string },
  part: 'request' | number,
  body: unknown,
): string | undefined {
  let fn: ValidateFunction | null;
  try {
    fn = validatorFor(op.path, op.method, String(part));
  } catch (error) {
    // A schema ajv cannot compile is reported, not thrown, so the fake keeps answering like GitHub.
    return `${op.method.toUpperCase()} ${op.path}: could not compile the OpenAPI schema: ${(error as Error).message}`;
  }
  if (!fn || fn(body)) return undefined;
  const where = part === 'request' ? 'request body' : `response ${part}`;
  const details = (fn.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
  return `${op.method.toUpperCase()} ${op.path} ${where}: ${details}`;
}
