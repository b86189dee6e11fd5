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
 * both engines. Each word is matched field by field (`a ILIKE w OR b ILIKE w …`): a word
 * holds no whitespace, so it occurs in the fields joined by spaces exactly when it occurs
 * in one of them, and PostgreSQL estimates how many rows match each field from that
 * field's statistics. Against the joined text it had no statistics and guessed far too
 * few matches, so it read and sorted the whole table (110 ms on 206k rows for `q=猪肉`)
 * instead of walking the reading order until a page was found (5 ms).
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
  return words.map((w) => {
    const pattern = `%${likeEscape(w)}%`;
    return `(${textFields.map((f) => `${quoteIdent(f.name)} ILIKE ${p.add(pattern)} ESCAPE '\\'`).join(' or ')})`;
  });
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
