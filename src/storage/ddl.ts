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

/** Suffixes of the table's own indexes; a field of that name gets a prefixed index name instead. */
const OWN_INDEXES = new Set(['order', 'key', 'pkey']);
const fieldIndexName = (table: string, field: string) =>
  indexName(table, OWN_INDEXES.has(field) ? `field_${field}` : field);

/** One index of a storage table: its name and its columns, in order. */
export interface StorageIndex {
  name: string;
  columns: string[];
}

/**
 * The index rule: which indexes a field's role gives a storage table, decided here and
 * nowhere else. Every index is paid for by every upload, so each one is here for a kind of
 * question that is common and that it turns from a scan into an index range
 * (docs/BENCHMARK-NOTES.md has the measurements):
 *
 * - the period field: `(period, _release_id, _row)`, the default reading order (period,
 *   then upload order). It serves period ranges and is the keyset of deep paging.
 * - a dimension (a key field, an enumeration, or `role: dimension`): `(dimension, period)`.
 *   An equality or `in` on it reads that dimension's rows already in period order, over a
 *   period range or all history, so a selective dimension, or two ANDed, is one index range
 *   that stops after a page: against `(dimension)` alone, market + product over one year
 *   took 0.8 ms instead of 41 ms on 2M rows, and over all history 0.7 ms instead of 3.6 ms.
 * - a measure (`integer`/`number` outside the key, or `role: measure`): `(measure)`, so a
 *   sort by it ("the highest prices") walks the index instead of sorting the whole table
 *   (672 ms to 25 ms on 2M rows), and a narrow range on it can read only its rows. Three of
 *   them made a 1M-row COPY about half as long again; a weekly release is a few hundred rows.
 * - an attribute: none. It is descriptive text; `contains` and `q` are substring searches,
 *   which a B-tree cannot serve.
 * - a restricted field: none. No public query may filter or sort on it.
 *
 * No index combines two dimensions: there are too many pairs, and the planner already
 * serves two equalities from one dimension's index (or two, ANDed) in about a millisecond
 * on 200k rows. Besides these, every table has its primary key
 * `(_release_id, _row)` and a unique `(_release_id, key…)`, which keeps a key to one row
 * per release.
 */
export function roleIndexes(table: string, schema: TableSchema, fields: readonly FieldDef[]): StorageIndex[] {
  const period = schema.fields.find((f) => f.type === 'period');
  const out: StorageIndex[] = [];
  for (const f of fields) {
    if (f === period || f.disclosure === 'restricted') continue;
    const role = fieldRole(schema, f);
    if (role === 'dimension') {
      out.push({ name: fieldIndexName(table, f.name), columns: period ? [f.name, period.name] : [f.name] });
    } else if (role === 'measure') {
      out.push({ name: fieldIndexName(table, f.name), columns: [f.name] });
    }
  }
  return out;
}

/** Every index the rule gives a new table for `schema`, the period's reading order first. */
export function storageIndexes(table: string, schema: TableSchema): StorageIndex[] {
  const period = schema.fields.find((f) => f.type === 'period');
  const order = period
    ? [
        {
          name: indexName(table, 'order'),
          columns: [period.name, SYSTEM_COLUMNS.release, SYSTEM_COLUMNS.row],
        },
      ]
    : [];
  return [...order, ...roleIndexes(table, schema, schema.fields)];
}

/** Creates what is missing of `indexes` (idempotent: a migration may bring old tables up to the rule). */
export async function createIndexes(
  knex: Knex,
  table: string,
  indexes: readonly StorageIndex[],
): Promise<void> {
  const qualified = quoteQualified(STORAGE_SCHEMA, table);
  for (const ix of indexes) {
    await knex.raw(
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(ix.name)} ON ${qualified} (${ix.columns.map(quoteIdent).join(', ')})`,
    );
  }
}

/**
 * A real typed table per schema generation: rows remember their release (and so their
 * revision), the key is unique within a release, and fields are indexed by role (roleIndexes).
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
  await createIndexes(knex, table, storageIndexes(table, schema));
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
  await createIndexes(knex, table, roleIndexes(table, next, added));
}
