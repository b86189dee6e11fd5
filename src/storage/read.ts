import type { Knex } from 'knex';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

/**
 * The base of every read: one storage generation, restricted to the releases the caller
 * may see. Visibility is decided by the caller (catalog), never inferred here.
 */
export type ReleaseFilter = { ids: readonly number[] } | { upTo: number };

export function storageRows(knex: Knex, table: string, releases: ReleaseFilter): Knex.QueryBuilder {
  const qb = knex.withSchema(STORAGE_SCHEMA).from(table);
  if ('ids' in releases) qb.whereRaw('?? = ANY(?::bigint[])', [SYSTEM_COLUMNS.release, [...releases.ids]]);
  // `upTo`: the caller knows every release up to this id is visible; releases of one
  // dataset commit in id order (publishing holds a per-dataset lock), so later ones are excluded.
  else qb.where(SYSTEM_COLUMNS.release, '<=', releases.upTo);
  return qb;
}

export { openCopyOut, type CopyOutFormat } from '../db';
