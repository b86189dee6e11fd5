import type { OpenAPIV3_1 } from 'openapi-types';
import type { FieldDef, FieldType } from '../../schemas';

type Schema = OpenAPIV3_1.SchemaObject;

const YEARMONTH = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** The JSON type of a cell of each field type, as `/rows` writes it. */
const CELL: Record<FieldType, () => Schema> = {
  string: () => ({ type: 'string' }),
  integer: () => ({ type: 'integer' }),
  number: () => ({ type: 'number' }),
  boolean: () => ({ type: 'boolean' }),
  date: () => ({ type: 'string', format: 'date' }),
  year: () => ({ type: 'integer', minimum: 1, maximum: 9999 }),
  yearmonth: () => ({ type: 'string', pattern: YEARMONTH }),
  period: () => ({ type: 'string' }),
};

/** "中文 / English（unit）", the way every other surface titles a field. */
export function fieldTitle(f: FieldDef): string {
  return `${f.title.zh} / ${f.title.en}${f.unit ? `（${f.unit}）` : ''}`;
}

function fieldDescription(f: FieldDef): string {
  const parts = [f.description?.zh, f.description?.en].filter((s): s is string => Boolean(s));
  if (f.unit) parts.push(`单位 / unit: ${f.unit}`);
  if (f.type === 'period' && f.periodKind) parts.push(`统计期 / period kind: ${f.periodKind}`);
  parts.push(`Table Schema type: ${f.type}`);
  return parts.join('\n\n');
}

const asNumber = (v: number | string | undefined) =>
  v === undefined || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);

/** The constraints a reader can rely on, in JSON Schema words. */
function constraintsOf(f: FieldDef): Schema {
  const c = f.constraints ?? {};
  const out: Schema = {};
  const numeric = f.type === 'integer' || f.type === 'number' || f.type === 'year';
  if (numeric && asNumber(c.minimum) !== undefined) out.minimum = asNumber(c.minimum);
  if (numeric && asNumber(c.maximum) !== undefined) out.maximum = asNumber(c.maximum);
  if (f.type === 'string' && c.minLength !== undefined) out.minLength = c.minLength;
  if (f.type === 'string' && c.maxLength !== undefined) out.maxLength = c.maxLength;
  if (c.enum && f.type !== 'boolean') {
    out.enum = c.enum.map((v) => (numeric ? Number(v) : String(v)));
  }
  return out;
}

/**
 * One cell of the typed row: type, format, enum, bounds, unit and both languages from the
 * Table Schema. A cell without a value is null unless the field is required.
 */
export function cellSchema(f: FieldDef): Schema {
  const base = { ...CELL[f.type](), ...constraintsOf(f) };
  const required = f.constraints?.required === true;
  const schema: Schema = required
    ? base
    : {
        ...base,
        type: [base.type as OpenAPIV3_1.NonArraySchemaObjectType, 'null'],
        ...(base.enum ? { enum: [...base.enum, null] } : {}),
      };
  return Object.assign(
    { ...schema, title: fieldTitle(f), description: fieldDescription(f) },
    { 'x-unit': f.unit ?? null, 'x-field-type': f.type },
  );
}

/** A filter value as a query parameter carries it, read as the field's type. */
export function filterValueSchema(f: FieldDef): Schema {
  const cell = CELL[f.type]();
  if (f.type === 'period') {
    return {
      type: 'string',
      description: `A ${f.periodKind ?? ''} period, or \`latest\` / \`latest-n\` for the newest published`,
    };
  }
  return cell;
}
