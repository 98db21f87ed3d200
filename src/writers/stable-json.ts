import schema from '../schema/export.schema.json' with { type: 'json' };
import { compareIds, compareText } from '../schema/order.js';
import { compareSnowflakes, isSnowflake } from '../schema/snowflake.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = Record<string, unknown>;

const defs = (schema as unknown as { $defs: Record<string, SchemaNode> }).$defs;

/** A deep copy of `value` with object keys in the JSON Schema's declared order (unknown keys after, sorted). */
export function orderKeys<T>(value: T): T {
  return reorder(value as Json, schema as unknown as SchemaNode) as T;
}

/** Sorts every array of `{id}` objects by id and every array of snowflakes numerically, in place, all the way down. */
export function sortArraysById(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(sortArraysById);
    if (value.length > 1 && value.every(hasId)) value.sort((a, b) => compareIds(a.id, b.id) || compareText(JSON.stringify(a), JSON.stringify(b)));
    else if (value.length > 1 && value.every(isSnowflake)) value.sort(compareSnowflakes);
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(sortArraysById);
  }
}

function hasId(item: unknown): item is { id: string } {
  return !!item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string';
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  return typeof ref === 'string' ? defs[ref.replace('#/$defs/', '')] : node;
}

/** The branch of an anyOf that can describe `value` (objects and arrays only need their shape). */
function branchFor(node: SchemaNode | undefined, value: Json): SchemaNode | undefined {
  const resolved = resolve(node);
  const options = resolved?.anyOf as SchemaNode[] | undefined;
  if (!options) return resolved;
  const want = Array.isArray(value) ? 'array' : 'object';
  return options.map(resolve).find((o) => o?.type === want || (want === 'object' && !!o?.properties));
}

function reorder(value: Json, node: SchemaNode | undefined): Json {
  if (value === null || typeof value !== 'object') return value;
  const shape = branchFor(node, value);
  if (Array.isArray(value)) return value.map((item) => reorder(item, shape?.items as SchemaNode | undefined));
  const properties = (shape?.properties ?? {}) as Record<string, SchemaNode>;
  const extra = shape?.additionalProperties;
  // Own keys only, into a null-prototype object: keys from outside (role ids) may be "constructor" or "__proto__".
  const declared = Object.keys(properties).filter((key) => Object.hasOwn(value, key));
  const others = Object.keys(value).filter((key) => !Object.hasOwn(properties, key)).sort(compareText);
  const out = Object.create(null) as { [key: string]: Json };
  for (const key of declared) out[key] = reorder(value[key], properties[key]);
  for (const key of others) out[key] = reorder(value[key], typeof extra === 'object' ? (extra as SchemaNode) : undefined);
  return out;
}
