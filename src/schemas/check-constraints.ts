import { Issues, isPlainObject, rejectUnknownKeys } from './check-issues';
import { checkStringRules } from './check-string-rules';
import { castConstraintValue, compareValues, storedConstraintValue, valueKey } from './constraint-values';
import type { ConstraintValue } from './constraint-values';
import { isOrderedType } from './field-type-rules';
import { MAX_ENUM_VALUES, MAX_SHORT_TEXT } from './limits';
import { longerThan } from './text-length';
import type { FieldConstraints, FieldDef } from './types';

const CONSTRAINT_KEYS: ReadonlySet<string> = new Set([
  'required',
  'unique',
  'minimum',
  'maximum',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
]);

/**
 * `field` carries a trustworthy type (and periodKind) or is undefined when those are
 * themselves invalid; value checks are skipped then to avoid cascades of noise.
 */
export function checkConstraints(
  raw: unknown,
  field: FieldDef | undefined,
  path: string,
  issues: Issues,
): FieldConstraints | undefined {
  if (!isPlainObject(raw)) {
    issues.add(path, 'Constraints must be an object');
    return undefined;
  }
  rejectUnknownKeys(raw, CONSTRAINT_KEYS, path, issues, false);
  const out: FieldConstraints = {};
  for (const key of ['required', 'unique'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'boolean') out[key] = v;
    else issues.add(`${path}.${key}`, 'Must be a boolean');
  }
  checkBounds(raw, field, path, issues, out);
  checkEnum(raw, field, path, issues, out);
  checkStringRules(raw, field, path, issues, out);
  return out;
}

function checkBounds(
  raw: Record<string, unknown>,
  field: FieldDef | undefined,
  path: string,
  issues: Issues,
  out: FieldConstraints,
): void {
  const bounds: Partial<Record<'minimum' | 'maximum', ConstraintValue>> = {};
  for (const key of ['minimum', 'maximum'] as const) {
    const v = raw[key];
    if (v === undefined || !field) continue;
    if (!isOrderedType(field.type)) {
      issues.add(`${path}.${key}`, `Not applicable to ${field.type} fields`);
      continue;
    }
    const r = castConstraintValue(field, v);
    if (!r.ok) {
      issues.add(`${path}.${key}`, `Value ${r.message}`);
      continue;
    }
    bounds[key] = r.value;
    out[key] = storedConstraintValue(field, v, r.value);
  }
  if (field && bounds.minimum !== undefined && bounds.maximum !== undefined) {
    if (compareValues(field.type, bounds.minimum, bounds.maximum) > 0) {
      issues.add(`${path}.minimum`, 'Minimum is greater than maximum');
    }
  }
}

function checkEnum(
  raw: Record<string, unknown>,
  field: FieldDef | undefined,
  path: string,
  issues: Issues,
  out: FieldConstraints,
): void {
  const v = raw.enum;
  if (v === undefined) return;
  if (!Array.isArray(v) || v.length === 0) {
    issues.add(`${path}.enum`, 'Must be a non-empty array');
    return;
  }
  if (v.length > MAX_ENUM_VALUES) {
    issues.add(`${path}.enum`, `At most ${MAX_ENUM_VALUES} values`);
    return;
  }
  if (!field) return;
  const seen = new Set<ConstraintValue>();
  const stored: (string | number)[] = [];
  for (const [i, member] of (v as unknown[]).entries()) {
    const p = `${path}.enum[${i}]`;
    if (typeof member === 'string' && longerThan(member, MAX_SHORT_TEXT)) {
      issues.add(p, `At most ${MAX_SHORT_TEXT} characters`);
      continue;
    }
    const r = castConstraintValue(field, member);
    if (!r.ok) {
      issues.add(p, `Value ${r.message}`);
      continue;
    }
    const key = valueKey(field.type, r.value);
    if (seen.has(key)) {
      issues.add(p, 'Duplicate enum value');
      continue;
    }
    const outside =
      (out.minimum !== undefined && compareBound(field, r.value, out.minimum) < 0) ||
      (out.maximum !== undefined && compareBound(field, r.value, out.maximum) > 0);
    if (outside) issues.add(p, 'Enum value lies outside minimum/maximum');
    seen.add(key);
    stored.push(storedConstraintValue(field, member, r.value));
  }
  if (stored.length === v.length) out.enum = stored;
}

function compareBound(field: FieldDef, value: ConstraintValue, bound: string | number): number {
  const b = castConstraintValue(field, bound);
  return b.ok ? compareValues(field.type, value, b.value) : 0;
}
