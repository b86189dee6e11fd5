import { ValidationError } from '../errors';
import {
  allowsOperator,
  castValue,
  FIELD_TYPE_RULES,
  longerThan,
  publicFields,
  type CellValue,
  type FieldDef,
  type TableSchema,
} from '../schemas';
import { assertEnumValues } from './enum-filter';
import { MAX_FILTER_VALUE_LENGTH, MAX_FILTERS, MAX_IN_VALUES } from './limits';
import type { Filter, FilterOp, RawFilter } from './spec';

// Schema documents are immutable once registered, so each one's field map is built once.
const servable = new WeakMap<TableSchema, ReadonlyMap<string, FieldDef>>();

/** Public fields by name: a restricted field is indistinguishable from an unknown one. */
export function servableFields(schema: TableSchema): ReadonlyMap<string, FieldDef> {
  let fields = servable.get(schema);
  if (!fields) servable.set(schema, (fields = new Map(publicFields(schema).map((f) => [f.name, f]))));
  return fields;
}

export function resolveField(
  fields: ReadonlyMap<string, FieldDef>,
  name: string,
  parameter: string,
): FieldDef {
  const f = fields.get(name);
  if (!f) {
    throw new ValidationError('unknown_field', `Unknown field ${JSON.stringify(name)}`, {
      field: name,
      parameter,
      allowed: [...fields.keys()],
    });
  }
  return f;
}

/** Each name once: a repeat only multiplies the work (groups, columns, sort keys). */
export function assertDistinct(names: readonly string[], parameter: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new ValidationError('invalid_parameter', `Field ${name} appears twice in ${parameter}`, {
        parameter,
        field: name,
      });
    }
    seen.add(name);
  }
}

/** Fields by name for a list parameter (`fields`, `groupBy`), each allowed once. */
export function resolveDistinct(
  fields: ReadonlyMap<string, FieldDef>,
  names: readonly string[],
  parameter: string,
): FieldDef[] {
  const resolved = names.map((n) => resolveField(fields, n, parameter));
  assertDistinct(
    resolved.map((f) => f.name),
    parameter,
  );
  return resolved;
}

function castFilterValue(f: FieldDef, op: FilterOp, raw: string): CellValue {
  if (op === 'contains' || op === 'prefix') return raw;
  // Cast by type only: a bound (minimum…) doesn't limit what one may ask; the enum is checked after.
  const r = castValue({ ...f, constraints: undefined }, raw, []);
  if (!r.ok || r.value === null) {
    throw new ValidationError(
      'invalid_filter_value',
      `Value ${JSON.stringify(raw)} is not a valid ${f.type} for ${f.name}`,
      {
        field: f.name,
        operator: op,
        value: raw,
        expectedType: f.type,
      },
    );
  }
  return r.value;
}

/** Where a filter came from: the query key REST read it from, else `field[op]`. */
const parameterOf = (rf: RawFilter) => rf.parameter ?? `${rf.field}[${rf.op}]`;

/** The values a filter compares with, refused before any is cast when there are too many or one is too long. */
function filterValues(f: FieldDef, op: FilterOp, rf: RawFilter): string[] {
  const parts = op === 'in' ? rf.value.split(',', MAX_IN_VALUES + 1) : [rf.value];
  const refuse = (message: string, bound: object) =>
    new ValidationError('invalid_filter_value', message, {
      field: f.name,
      operator: op,
      parameter: parameterOf(rf),
      ...bound,
    });
  if (parts.length > MAX_IN_VALUES) {
    throw refuse(`At most ${MAX_IN_VALUES} values in one IN filter`, { maxItems: MAX_IN_VALUES });
  }
  if (parts.some((p) => longerThan(p, MAX_FILTER_VALUE_LENGTH))) {
    throw refuse(`A filter value may be at most ${MAX_FILTER_VALUE_LENGTH} characters`, {
      maxLength: MAX_FILTER_VALUE_LENGTH,
    });
  }
  return parts;
}

export function compileFilters(schema: TableSchema, raw: RawFilter[]): Filter[] {
  const fields = servableFields(schema);
  if (raw.length > MAX_FILTERS) {
    throw new ValidationError('invalid_parameter', `At most ${MAX_FILTERS} filters in one request`, {
      parameter: 'filters',
      count: raw.length,
      maxItems: MAX_FILTERS,
    });
  }
  return raw.map((rf) => {
    const f = resolveField(fields, rf.field, rf.field);
    if (!allowsOperator(f.type, rf.op)) {
      const allowed = FIELD_TYPE_RULES[f.type].operators;
      throw new ValidationError(
        'unknown_operator',
        `Operator ${JSON.stringify(rf.op)} does not apply to ${f.type} field ${f.name} (allowed: ${allowed.join(', ')})`,
        {
          field: f.name,
          operator: rf.op,
          type: f.type,
          allowed: [...allowed],
        },
      );
    }
    const op: FilterOp = rf.op;
    if (op === 'null') {
      if (!/^(true|false)$/.test(rf.value)) {
        throw new ValidationError('invalid_filter_value', `${f.name}[null] takes true or false`, {
          field: f.name,
          operator: op,
          value: rf.value,
        });
      }
      return { field: f.name, op, values: [rf.value === 'true'] };
    }
    const parts = filterValues(f, op, rf);
    const values = parts.map((p) => castFilterValue(f, op, p));
    assertEnumValues(f, op, parts, values, parameterOf(rf));
    return { field: f.name, op, values };
  });
}
