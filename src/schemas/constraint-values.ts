import { castType } from './cast-types';
import { compareDecimal } from './decimal';
import type { FieldDef, FieldType } from './types';

/** Logical value of a constraint (enum member, minimum, maximum) in the field's canonical form. */
export type ConstraintValue = string | number | boolean;

export type ConstraintCast = { ok: true; value: ConstraintValue } | { ok: false; message: string };

// JSON numbers are only meaningful where the logical type is numeric; a number in a
// string or date enum is almost always a spreadsheet artefact (e.g. 2017 for '2017').
const ACCEPTS_JSON_NUMBER: ReadonlySet<FieldType> = new Set(['integer', 'number', 'year', 'boolean']);

export function castConstraintValue(field: FieldDef, value: unknown): ConstraintCast {
  let text: string;
  if (typeof value === 'number' && ACCEPTS_JSON_NUMBER.has(field.type)) {
    if (!Number.isFinite(value)) return { ok: false, message: 'must be a finite number' };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return {
      ok: false,
      message: `must be ${ACCEPTS_JSON_NUMBER.has(field.type) ? 'a number or ' : ''}a string`,
    };
  }
  const r = castType(field, text);
  if (!r.ok) return { ok: false, message: `is not a valid ${field.type} value: ${r.message}` };
  return { ok: true, value: r.value };
}

/**
 * Form stored in a normalised schema. The FieldConstraints type has no booleans, so
 * boolean enum members are written as 'true'/'false'; JSON numbers given for `number`
 * fields stay numbers so the published document keeps the publisher's representation.
 */
export function storedConstraintValue(
  field: FieldDef,
  original: unknown,
  value: ConstraintValue,
): string | number {
  if (typeof value === 'boolean') return String(value);
  if (field.type === 'number' && typeof original === 'number') return original;
  return value;
}

/**
 * A key under which equal canonical values of one field type are identical, so a value
 * is found in a set in one step: '1.50' and '1.5' are the same number; every other type's
 * canonical form is already unique.
 */
export function valueKey(type: FieldType, value: ConstraintValue): ConstraintValue {
  if (type !== 'number' || typeof value !== 'string' || !value.includes('.')) return value;
  return value.replace(/\.?0+$/, '');
}

/**
 * Orders canonical values of one field type: exact decimal order for `number`, numeric
 * for integers and years, and lexical for canonical date/yearmonth/period text (which is
 * designed to sort chronologically).
 */
export function compareValues(type: FieldType, a: ConstraintValue, b: ConstraintValue): number {
  if (type === 'number') return compareDecimal(String(a), String(b));
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}
