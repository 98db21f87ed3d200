import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import schema from './export.schema.json' with { type: 'json' };

let compiled: ValidateFunction | null = null;

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
