import { castType } from './cast-types';
import { castConstraintValue, compareValues, valueKey, type ConstraintValue } from './constraint-values';
import { storedPatternMatcher, type PatternMatcher } from './pattern';
import { codePointLength } from './text-length';
import type { CastResult, CastRule, CellValue, FieldDef, TableSchema } from './types';

export const DEFAULT_MISSING_VALUES: readonly string[] = [''];

interface Prepared {
  required: boolean;
  minimum?: ConstraintValue;
  maximum?: ConstraintValue;
  enumSet?: Set<ConstraintValue>;
  /** Built once: a failing cell must not cost a walk over a long enum. */
  enumMessage?: string;
  pattern?: PatternMatcher;
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
    enumSet: c.enum && new Set(c.enum.map((v) => valueKey(field.type, canon(v)))),
    enumMessage: c.enum && `Must be one of: ${c.enum.map(canon).join(', ')}`,
    // Table Schema patterns are XML-Schema style: they must match the whole value.
    pattern: c.pattern === undefined ? undefined : storedPatternMatcher(c.pattern),
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
  if (p.enumSet && !p.enumSet.has(valueKey(field.type, value))) return fail('enum', p.enumMessage!);
  if (typeof value === 'string' && field.type === 'string') {
    if (p.pattern && !p.pattern.matches(value))
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
