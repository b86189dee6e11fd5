import type { Knex } from 'knex';
import { Params, quoteIdent } from '../db';
import type { FieldDef } from '../schemas';
import { MAX_SEARCH_WORDS } from './limits';
import type { Filter } from './spec';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Filters as SQL conditions (to be ANDed). Identifiers are checked and quoted, values are
 * bound through `p`; the same text serves the direct read path and knex (`whereRaw`).
 */
export function filterConditions(filters: readonly Filter[], p: Params): string[] {
  return filters.map((f) => {
    const col = quoteIdent(f.field);
    const [v] = f.values;
    switch (f.op) {
      case 'eq':
        return `${col} = ${p.add(v)}`;
      case 'ne':
        return `(${col} <> ${p.add(v)} or ${col} is null)`;
      case 'in':
        return `${col} in (${f.values.map((x) => p.add(x)).join(', ')})`;
      case 'gt':
        return `${col} > ${p.add(v)}`;
      case 'gte':
        return `${col} >= ${p.add(v)}`;
      case 'lt':
        return `${col} < ${p.add(v)}`;
      case 'lte':
        return `${col} <= ${p.add(v)}`;
      case 'contains':
        return `${col} ILIKE ${p.add(`%${likeEscape(String(v))}%`)} ESCAPE '\\'`;
      case 'prefix':
        return `${col} LIKE ${p.add(`${likeEscape(String(v))}%`)} ESCAPE '\\'`;
      case 'null':
        return v === true ? `${col} is null` : `${col} is not null`;
    }
  });
}

/**
 * `q`: every word must occur in some public text field. Substring matching needs no
 * word segmentation, so it is as exact for Chinese as for English and identical on
 * both engines.
 */
export function searchConditions(
  q: string | undefined,
  textFields: readonly FieldDef[],
  p: Params,
): string[] {
  const words = (q ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return [];
  if (textFields.length === 0) return ['false'];
  const concat = textFields.map((f) => `coalesce(${quoteIdent(f.name)}, '')`).join(` || ' ' || `);
  return words.map((w) => `(${concat}) ILIKE ${p.add(`%${likeEscape(w)}%`)} ESCAPE '\\'`);
}

/** Adds conditions written with `knex`-style Params to a query builder. */
export function whereAll(qb: Knex.QueryBuilder, conditions: readonly string[], p: Params): void {
  if (conditions.length > 0) qb.whereRaw(conditions.join(' and '), p.values as Knex.Value[]);
}

export function applyFilters(qb: Knex.QueryBuilder, filters: readonly Filter[]): void {
  const p = new Params('knex');
  whereAll(qb, filterConditions(filters, p), p);
}

export function applySearch(
  qb: Knex.QueryBuilder,
  q: string | undefined,
  textFields: readonly FieldDef[],
): void {
  const p = new Params('knex');
  whereAll(qb, searchConditions(q, textFields, p), p);
}
