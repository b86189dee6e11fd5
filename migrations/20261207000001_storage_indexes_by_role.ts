import type { Knex } from 'knex';
import type { TableSchema } from '../src/schemas';
import { createIndexes, storageIndexes } from '../src/storage';

/**
 * DDL only: brings every existing storage table up to the index rule of
 * src/storage/ddl.ts (roleIndexes), which now indexes measures too and gives a field named
 * like one of the table's own indexes (order, key, pkey) an index of its own. Only missing
 * indexes are created, so it is safe to run twice. A table is read with the newest schema
 * version stored in it (MINOR versions share a table and only add columns).
 */
export async function up(knex: Knex): Promise<void> {
  const versions = (await knex('schema_versions')
    .select('storage_table', 'schema')
    .orderBy([{ column: 'storage_table' }, { column: 'version', order: 'desc' }])) as Array<{
    storage_table: string;
    schema: TableSchema | string;
  }>;
  const done = new Set<string>();
  for (const v of versions) {
    if (done.has(v.storage_table)) continue;
    done.add(v.storage_table);
    const schema = typeof v.schema === 'string' ? (JSON.parse(v.schema) as TableSchema) : v.schema;
    await createIndexes(knex, v.storage_table, storageIndexes(v.storage_table, schema));
  }
}

/** The indexes are an optimisation the rule expects; leaving them does no harm. */
export async function down(): Promise<void> {}
