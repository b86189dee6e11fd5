import type { Knex } from 'knex';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

/**
 * The base of every read: one storage generation, restricted to the releases the caller
 * may see. Visibility is decided by the caller (catalog), never inferred here.
 */
export function storageRows(knex: Knex, table: string, releaseIds: readonly number[]): Knex.QueryBuilder {
  return knex
    .withSchema(STORAGE_SCHEMA)
    .from(table)
    .whereRaw('?? = ANY(?::bigint[])', [SYSTEM_COLUMNS.release, [...releaseIds]]);
}

export { openCopyOut, type CopyOutFormat } from '../db';
