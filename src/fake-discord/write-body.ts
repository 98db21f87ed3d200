import { toBits } from '../discord/permissions.js';
import { isSnowflake } from '../schema/snowflake.js';
import type { Reply } from './errors.js';
import { formErrors, type FieldError } from './write-errors.js';

export type Json = Record<string, unknown>;

/** A value as Discord quotes it back in a form error. */
const shown = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v as string));

/**
 * Reads a JSON body field by field and collects Discord's form errors (codes and messages as Discord words
 * them), so one refused write reports every bad field at once, as Discord does.
 */
export class BodyReader {
  constructor(readonly body: Json, private prefix = '', readonly errors: FieldError[] = []) {}

  has(key: string): boolean { return key in this.body && this.body[key] !== undefined; }

  fail(key: string, code: string, message: string): void {
    this.errors.push({ path: this.prefix + key, code, message });
  }

  /** A string of min..max characters; null allowed when `nullable`; undefined when absent. */
  str(key: string, min: number, max: number, o: { required?: boolean; nullable?: boolean } = {}): string | null | undefined {
    const v = this.body[key];
    if (v === undefined || (v === null && !o.nullable)) {
      if (o.required || v === null) this.fail(key, 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (v === null) return null;
    if (typeof v !== 'string') { this.fail(key, 'BASE_TYPE_STRING', 'Must be a string.'); return undefined; }
    const n = [...v].length;
    if (n < min || n > max) {
      this.fail(key, 'BASE_TYPE_BAD_LENGTH', min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`);
      return undefined;
    }
    return v;
  }

  int(key: string, min: number, max: number, o: { nullable?: boolean; required?: boolean } = {}): number | null | undefined {
    const v = this.body[key];
    if (v === undefined || (v === null && !o.nullable)) {
      if (o.required || v === null) this.fail(key, 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) { this.fail(key, 'NUMBER_TYPE_COERCE', `Value "${shown(v)}" is not int.`); return undefined; }
    if (v < min) { this.fail(key, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`); return undefined; }
    if (v > max) { this.fail(key, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`); return undefined; }
    return v;
  }

  /** An integer from a fixed set (channel types, levels). */
  choice(key: string, allowed: readonly number[], o: { nullable?: boolean; required?: boolean } = {}): number | null | undefined {
    const v = this.int(key, -Infinity, Infinity, o);
    if (typeof v === 'number' && !allowed.includes(v)) {
      this.fail(key, 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
      return undefined;
    }
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') { this.fail(key, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.'); return undefined; }
    return v;
  }

  snowflake(key: string, o: { nullable?: boolean; required?: boolean } = {}): string | null | undefined {
    const v = this.body[key];
    if (v === undefined || (v === null && !o.nullable)) {
      if (o.required || v === null) this.fail(key, 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (v === null) return null;
    const s = typeof v === 'number' ? String(v) : v;
    if (!isSnowflake(s)) { this.fail(key, 'NUMBER_TYPE_COERCE', `Value "${shown(v)}" is not snowflake.`); return undefined; }
    return s;
  }

  snowflakes(key: string, max = 1000): string[] | undefined {
    const v = this.body[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) { this.fail(key, 'BASE_TYPE_ARRAY', 'Must be an array.'); return undefined; }
    if (v.length > max) { this.fail(key, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`); return undefined; }
    const out: string[] = [];
    v.forEach((x: unknown, i) => {
      const s = typeof x === 'number' ? String(x) : x;
      if (isSnowflake(s)) out.push(s);
      else this.fail(`${key}.${i}`, 'NUMBER_TYPE_COERCE', `Value "${shown(x)}" is not snowflake.`);
    });
    return out;
  }

  /** A permission bitfield (a decimal string, as Discord sends them; numbers are accepted too). */
  bits(key: string): bigint | undefined {
    const v = this.body[key];
    if (v === undefined || v === null) return undefined;
    if ((typeof v !== 'string' || !/^\d{1,20}$/.test(v)) && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
      this.fail(key, 'NUMBER_TYPE_COERCE', `Value "${shown(v)}" is not int.`);
      return undefined;
    }
    return toBits(v as string | number);
  }

  /** A nested object reader whose errors land under `key.` in this one's list. */
  child(key: string, value: unknown): BodyReader | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(key, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return null;
    }
    return new BodyReader(value as Json, `${this.prefix}${key}.`, this.errors);
  }

  /** The 400 for everything collected, or null when the body was fine. */
  reply(): Reply | null {
    return this.errors.length ? formErrors(this.errors) : null;
  }
}

/** The body must be an object (most routes) or an array (bulk position routes). */
export function asObject(body: unknown): Json | null {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : null;
}
