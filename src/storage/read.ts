import type { Knex } from 'knex';
import { Params, quoteIdent, quoteQualified } from '../db';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

/**
 * The base of every read: one storage generation, restricted to the releases the caller
 * may see. Visibility is decided by the caller (catalog), never inferred here.
 */
export type ReleaseFilter = { ids: readonly number[] } | { upTo: number; except?: readonly number[] };

/** `datastore."<table>"`, checked and quoted. */
export function storageFrom(table: string): string {
  return quoteQualified(STORAGE_SCHEMA, table);
}

/** The release restriction as SQL text; its values go into `p`. */
export function releaseCondition(releases: ReleaseFilter, p: Params): string {
  const col = quoteIdent(SYSTEM_COLUMNS.release);
  if ('ids' in releases) return `${col} = ANY(${p.add([...releases.ids])}::bigint[])`;
  // `upTo`: the caller knows every release up to this id is visible but those in `except`;
  // releases of one dataset commit in id order (publishing holds a per-dataset lock), so
  // later ones are excluded. A range is estimated and indexed like any other column range,
  // where a long id list is checked row by row.
  const upTo = `${col} <= ${p.add(releases.upTo)}`;
  if (!releases.except?.length) return upTo;
  return `(${upTo} AND ${col} <> ALL(${p.add([...releases.except])}::bigint[]))`;
}

export function storageRows(knex: Knex, table: string, releases: ReleaseFilter): Knex.QueryBuilder {
  const p = new Params('knex');
  return knex
    .withSchema(STORAGE_SCHEMA)
    .from(table)
    .whereRaw(releaseCondition(releases, p), p.values as Knex.Value[]);
}

export { openCopyOut, type CopyOutFormat } from '../db';
