import { castType } from './cast-types';
import { castConstraintValue, compareValues, type ConstraintValue } from './constraint-values';
import type { CastResult, CastRule, CellValue, FieldDef, TableSchema } from './types';

export const DEFAULT_MISSING_VALUES: readonly string[] = [''];

interface Prepared {
  required: boolean;
  minimum?: ConstraintValue;
  maximum?: ConstraintValue;
  enumValues?: ConstraintValue[];
  enumSet?: Set<ConstraintValue>;
  pattern?: RegExp;
  minLength?: number;
  maxLength?: number;
}

// Casting runs once per cell, so constraint values are canonicalised and patterns compiled
// once per field object. Schemas are treated as immutable after checkSchemaDocument.
const prepared = new WeakMap<FieldDef, Prepared>();

function prepare(field: FieldDef): Prepared {
  const cached = prepared.get(field);
  if (cached) return cached;
  const c = field.constraints ?? {};
  const canon = (v: unknown): ConstraintValue => {
    const r = castConstraintValue(field, v);
    if (!r.ok) throw new TypeError(`Field ${field.name}: constraint value ${JSON.stringify(v)} ${r.message}`);
    return r.value;
  };
  const p: Prepared = {
    required: c.required === true,
    minimum: c.minimum === undefined ? undefined : canon(c.minimum),
    maximum: c.maximum === undefined ? undefined : canon(c.maximum),
    enumValues: c.enum?.map(canon),
    enumSet:
      c.enum && field.type !== 'number' && field.type !== 'integer' ? new Set(c.enum.map(canon)) : undefined,
    // Table Schema patterns are XML-Schema style: they must match the whole value.
    pattern: c.pattern === undefined ? undefined : new RegExp(`^(?:${c.pattern})$`, 'u'),
    minLength: c.minLength,
    maxLength: c.maxLength,
  };
  prepared.set(field, p);
  return p;
}

const fail = (rule: CastRule, message: string): CastResult => ({ ok: false, rule, message });

function isMissing(field: FieldDef, raw: string, missingValues: readonly string[]): boolean {
  if (missingValues.includes(raw)) return true;
  // Spreadsheets pad empty numeric cells with spaces; only strings keep whitespace meaningful.
  return field.type !== 'string' && missingValues.includes(raw.trim());
}

export function castValue(field: FieldDef, raw: string, missingValues: readonly string[]): CastResult {
  const p = prepare(field);
  if (isMissing(field, raw, missingValues)) {
    return p.required ? fail('required', `A value is required for ${field.name}`) : { ok: true, value: null };
  }
  const typed = castType(field, raw);
  if (!typed.ok) return typed;
  const value = typed.value;
  // No closures here: this runs once per cell of every upload.
  if (p.minimum !== undefined && compareValues(field.type, value, p.minimum) < 0) {
    return fail('minimum', `Must be at least ${p.minimum}`);
  }
  if (p.maximum !== undefined && compareValues(field.type, value, p.maximum) > 0) {
    return fail('maximum', `Must be at most ${p.maximum}`);
  }
  if (p.enumValues && !inEnum(field, p, value))
    return fail('enum', `Must be one of: ${p.enumValues.join(', ')}`);
  if (typeof value === 'string' && field.type === 'string') {
    if (p.pattern && !p.pattern.test(value))
      return fail('pattern', `Must match ${field.constraints?.pattern}`);
    const length = codePointLength(value);
    if (p.minLength !== undefined && length < p.minLength) {
      return fail('minLength', `Must be at least ${p.minLength} characters`);
    }
    if (p.maxLength !== undefined && length > p.maxLength) {
      return fail('maxLength', `Must be at most ${p.maxLength} characters`);
    }
  }
  return { ok: true, value };
}

function inEnum(field: FieldDef, p: Prepared, value: ConstraintValue): boolean {
  // Canonical text values compare by identity; numbers need numeric comparison ('1.0' = '1').
  if (p.enumSet) return p.enumSet.has(value);
  for (const e of p.enumValues!) if (compareValues(field.type, value, e) === 0) return true;
  return false;
}

// Lengths are in Unicode code points, as Table Schema specifies, not UTF-16 units.
function codePointLength(s: string): number {
  let n = 0;
  for (const _ch of s) n++;
  return n;
}

export interface RecordError {
  field: string;
  value: string;
  rule: CastRule;
  message: string;
}

export interface CastRecordResult {
  values: Record<string, CellValue>;
  errors: RecordError[];
}

/**
 * Casts every schema field of one row. An absent key (undefined) is treated like a
 * missing value; keys that are not schema fields are ignored (header mapping is the
 * caller's job).
 */
export function castRecord(schema: TableSchema, raw: Record<string, string | undefined>): CastRecordResult {
  const missingValues = schema.missingValues ?? DEFAULT_MISSING_VALUES;
  const values: Record<string, CellValue> = {};
  const errors: RecordError[] = [];
  for (const field of schema.fields) {
    const cell = Object.prototype.hasOwnProperty.call(raw, field.name) ? raw[field.name] : undefined;
    const r = cell === undefined ? castMissing(field) : castValue(field, cell, missingValues);
    if (r.ok) values[field.name] = r.value;
    else errors.push({ field: field.name, value: cell ?? '', rule: r.rule, message: r.message });
  }
  return { values, errors };
}

export function castMissing(field: FieldDef): CastResult {
  return prepare(field).required
    ? fail('required', `A value is required for ${field.name}`)
    : { ok: true, value: null };
}
