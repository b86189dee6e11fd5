import { schemaError } from './check-issues';
import { isNumericType } from './field-type-rules';
import type { FieldDef, FieldRole, TableSchema } from './types';

/** Fields that may be served; restricted fields are stored but never leave the platform. */
export function publicFields(schema: TableSchema): FieldDef[] {
  return schema.fields.filter((f) => f.disclosure !== 'restricted');
}

export function periodField(schema: TableSchema): FieldDef {
  const field = schema.fields.find((f) => f.type === 'period');
  if (!field) throw schemaError([{ path: '$.fields', message: 'Schema has no period field' }]);
  return field;
}

/**
 * Resolves a CSV header to a field. Names win over titles so that a header is never
 * ambiguous; titles are compared after trimming (which also drops a stray BOM).
 */
export function fieldByNameOrTitle(schema: TableSchema, header: string): FieldDef | undefined {
  const h = header.trim();
  return (
    schema.fields.find((f) => f.name === h) ??
    schema.fields.find((f) => f.title.zh.trim() === h) ??
    schema.fields.find((f) => f.title.en.trim() === h)
  );
}

/**
 * Effective role: an explicit role wins; otherwise key columns are dimensions (they
 * identify a row), numeric columns are measures, enumerated columns are dimensions
 * (a closed set of categories), and anything else is a descriptive attribute.
 */
export function fieldRole(schema: TableSchema, field: FieldDef): FieldRole {
  if (field.role) return field.role;
  if (schema.primaryKey.includes(field.name)) return 'dimension';
  if (isNumericType(field.type)) return 'measure';
  if (field.constraints?.enum !== undefined) return 'dimension';
  return 'attribute';
}
