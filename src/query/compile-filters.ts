import { ValidationError } from '../errors';
import { castValue, publicFields, type CellValue, type FieldDef, type TableSchema } from '../schemas';
import { FILTER_OPS, type Filter, type FilterOp, type RawFilter } from './spec';

const ORDERED = new Set(['integer', 'number', 'date', 'year', 'yearmonth', 'period']);
const TEXTUAL = new Set(['string']);

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

function allowedOps(f: FieldDef): FilterOp[] {
  const ops: FilterOp[] = ['eq', 'ne', 'in', 'null'];
  if (ORDERED.has(f.type)) ops.push('gt', 'gte', 'lt', 'lte');
  if (TEXTUAL.has(f.type)) ops.push('contains', 'prefix');
  return ops;
}

function castFilterValue(f: FieldDef, op: FilterOp, raw: string): CellValue {
  if (op === 'contains' || op === 'prefix') return raw;
  // Filters compare types only; the schema's own constraints (enum, min…) don't limit what one may ask.
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

export function compileFilters(schema: TableSchema, raw: RawFilter[]): Filter[] {
  const fields = servableFields(schema);
  return raw.map((rf) => {
    const f = resolveField(fields, rf.field, rf.field);
    if (!(FILTER_OPS as readonly string[]).includes(rf.op) || !allowedOps(f).includes(rf.op as FilterOp)) {
      throw new ValidationError(
        'unknown_operator',
        `Operator ${JSON.stringify(rf.op)} does not apply to ${f.name}`,
        {
          field: f.name,
          operator: rf.op,
          allowed: allowedOps(f),
        },
      );
    }
    const op = rf.op as FilterOp;
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
    const parts = op === 'in' ? rf.value.split(',') : [rf.value];
    if (op === 'in' && parts.length > 1000) {
      throw new ValidationError('invalid_filter_value', 'At most 1000 values in one IN filter', {
        field: f.name,
      });
    }
    return { field: f.name, op, values: parts.map((p) => castFilterValue(f, op, p)) };
  });
}
