import { entryCandidates, valueNotAllowed, type AllowedValue } from '../codelists';
import { codeLabel, codeListOf, type CellValue, type FieldDef } from '../schemas';
import type { FilterOp } from './spec';

/** Operators whose values must be among a field's enum; contains/prefix and null ask something else. */
const ENUM_CHECKED: ReadonlySet<FilterOp> = new Set(['eq', 'ne', 'in']);

// An `in` list of 1,000 values against an enum of thousands: one set per field, not a scan per value.
const enumSets = new WeakMap<FieldDef, ReadonlySet<unknown>>();

// A field's allowed values (with their names) are the same for every request that misses:
// built once per field definition, which the schema version keeps for its lifetime.
const allowedByField = new WeakMap<FieldDef, AllowedValue[]>();

function allowedValues(f: FieldDef, values: readonly (string | number)[]): AllowedValue[] {
  let out = allowedByField.get(f);
  if (!out) allowedByField.set(f, (out = buildAllowedValues(f, values)));
  return out;
}

function buildAllowedValues(f: FieldDef, values: readonly (string | number)[]): AllowedValue[] {
  const list = codeListOf(f);
  const aliases = list ? new Map(entryCandidates(list.entries).map((c) => [c.value, c.names])) : undefined;
  return values.map((v) => {
    const value = String(v);
    const label = codeLabel(f, value);
    return { value, names: aliases?.get(value) ?? [], ...(label && { label }) };
  });
}

/**
 * A value outside a field's enum can match no row, so asking for it is a mistake, not a
 * question with an empty answer: 400, with the allowed values and what was probably meant
 * (太原 → 140100 through the field's code list; 猪 → 猪肉 by spelling). REST, GraphQL and
 * CKAN filters all pass through here.
 */
export function assertEnumValues(
  f: FieldDef,
  op: FilterOp,
  raw: readonly string[],
  cast: readonly CellValue[],
  parameter: string,
): void {
  const values = f.constraints?.enum;
  if (!values || !ENUM_CHECKED.has(op)) return;
  const list = codeListOf(f);
  let allowed = enumSets.get(f);
  if (!allowed) enumSets.set(f, (allowed = new Set<unknown>(values)));
  cast.forEach((v, i) => {
    if (allowed.has(v)) return;
    throw valueNotAllowed({
      parameter,
      field: f.name,
      value: raw[i] ?? String(v),
      allowed: allowedValues(f, values),
      ...(list && { codelist: list.name }),
    });
  });
}
