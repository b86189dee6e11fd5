import type { Knex } from 'knex';
import { quoteIdent, quoteQualified } from '../db';
import { fieldRole, pgColumnType, type FieldDef, type TableSchema } from '../schemas';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

function columnDef(field: FieldDef, inKey: boolean): string {
  return `${quoteIdent(field.name)} ${pgColumnType(field)}${inKey ? ' NOT NULL' : ''}`;
}

function indexName(table: string, suffix: string): string {
  // Index names share the 63-byte identifier limit; a stable short hash keeps them unique.
  const base = `${table}_${suffix}`;
  if (base.length <= 63) return base;
  let h = 0;
  for (const ch of base) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${base.slice(0, 52)}_${h.toString(36)}`;
}

async function createDimensionIndexes(knex: Knex, table: string, schema: TableSchema, fields: FieldDef[]) {
  // Almost every statistical query names a period range, so each dimension is indexed
  // together with the period: city = ? AND period BETWEEN ? AND ? is one index range.
  const period = schema.fields.find((f) => f.type === 'period');
  for (const f of fields) {
    if (fieldRole(schema, f) !== 'dimension' || f === period) continue;
    const cols = period ? `${quoteIdent(f.name)}, ${quoteIdent(period.name)}` : quoteIdent(f.name);
    await knex.raw(
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(indexName(table, f.name))} ON ${quoteQualified(STORAGE_SCHEMA, table)} (${cols})`,
    );
  }
}

/**
 * A real typed table per schema generation: rows remember their release (and so their
 * revision), the key is unique within a release, and dimensions are indexed for filters.
 */
export async function createStorageTable(knex: Knex, table: string, schema: TableSchema): Promise<void> {
  const release = quoteIdent(SYSTEM_COLUMNS.release);
  const row = quoteIdent(SYSTEM_COLUMNS.row);
  const cols = schema.fields.map((f) => columnDef(f, schema.primaryKey.includes(f.name)));
  const qualified = quoteQualified(STORAGE_SCHEMA, table);
  await knex.raw(
    // No foreign key to releases: rows are only ever written by the ingest transaction that
    // created their release, and a per-row RI check would dominate COPY time.
    `CREATE TABLE ${qualified} (${release} bigint NOT NULL, ` +
      `${row} integer NOT NULL, ${cols.join(', ')}, PRIMARY KEY (${release}, ${row}))`,
  );
  const key = schema.primaryKey.map(quoteIdent).join(', ');
  await knex.raw(
    `CREATE UNIQUE INDEX ${quoteIdent(indexName(table, 'key'))} ON ${qualified} (${release}, ${key})`,
  );
  // Default reading order (period, then upload order) doubles as the keyset for deep paging.
  const period = schema.fields.find((f) => f.type === 'period');
  if (period) {
    await knex.raw(
      `CREATE INDEX ${quoteIdent(indexName(table, 'order'))} ON ${qualified} (${quoteIdent(period.name)}, ${release}, ${row})`,
    );
  }
  await createDimensionIndexes(knex, table, schema, schema.fields);
}

/** A MINOR version only ever adds optional columns; loosened constraints need no DDL. */
export async function addStorageColumns(
  knex: Knex,
  table: string,
  prev: TableSchema,
  next: TableSchema,
): Promise<void> {
  const existing = new Set(prev.fields.map((f) => f.name));
  const added = next.fields.filter((f) => !existing.has(f.name));
  for (const f of added) {
    await knex.raw(`ALTER TABLE ${quoteQualified(STORAGE_SCHEMA, table)} ADD COLUMN ${columnDef(f, false)}`);
  }
  await createDimensionIndexes(knex, table, next, added);
}
