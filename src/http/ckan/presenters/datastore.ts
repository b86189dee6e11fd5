import { stringify } from 'csv-stringify/sync';
import { pgColumnType, type FieldDef } from '../../../schemas';

/** PostgreSQL's own names for the column types (pg_type.typname), which CKAN reports. */
const TYPNAME: Record<string, string> = {
  bigint: 'int8',
  smallint: 'int2',
  integer: 'int4',
  boolean: 'bool',
  'double precision': 'float8',
};

/** A field as datastore_search describes it: the column's type and the data dictionary. */
export function datastoreField(f: FieldDef) {
  const pg = pgColumnType(f);
  return {
    id: f.name,
    type: TYPNAME[pg] ?? pg,
    info: {
      label: f.title.zh,
      label_en: f.title.en,
      notes: f.description?.zh ?? '',
      unit: f.unit ?? null,
    },
  };
}

export const RECORDS_FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const;
export type RecordsFormat = (typeof RECORDS_FORMATS)[number];

/** Booleans are written as REST's CSV export writes them. */
const CAST = { boolean: (v: boolean) => (v ? 'true' : 'false') };

/** Records in CKAN's `records_format`: row objects, lists in field order, or CSV/TSV text without a header. */
export function formatRecords(
  rows: Record<string, unknown>[],
  fields: readonly FieldDef[],
  format: RecordsFormat,
): unknown {
  if (format === 'objects') return rows;
  const lists = rows.map((r) => fields.map((f) => r[f.name] ?? null));
  if (format === 'lists') return lists;
  return stringify(lists, { delimiter: format === 'tsv' ? '\t' : ',', cast: CAST });
}
