import type { Knex } from 'knex';
import type { FieldDef } from '../schemas';
import type { Filter } from './spec';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Filters become knex conditions; identifiers go through knex's quoting, values are bound. */
export function applyFilters(qb: Knex.QueryBuilder, filters: readonly Filter[]): void {
  for (const f of filters) {
    const [v] = f.values;
    switch (f.op) {
      case 'eq':
        qb.where(f.field, '=', v as Knex.Value);
        break;
      case 'ne':
        qb.where((w) => w.where(f.field, '<>', v as Knex.Value).orWhereNull(f.field));
        break;
      case 'in':
        qb.whereIn(f.field, f.values as Knex.Value[]);
        break;
      case 'gt':
        qb.where(f.field, '>', v as Knex.Value);
        break;
      case 'gte':
        qb.where(f.field, '>=', v as Knex.Value);
        break;
      case 'lt':
        qb.where(f.field, '<', v as Knex.Value);
        break;
      case 'lte':
        qb.where(f.field, '<=', v as Knex.Value);
        break;
      case 'contains':
        qb.whereRaw(`?? ILIKE ? ESCAPE '\\'`, [f.field, `%${likeEscape(String(v))}%`]);
        break;
      case 'prefix':
        qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [f.field, `${likeEscape(String(v))}%`]);
        break;
      case 'null':
        if (v === true) qb.whereNull(f.field);
        else qb.whereNotNull(f.field);
        break;
    }
  }
}

/**
 * `q`: every word must occur in some public text field. Substring matching needs no
 * word segmentation, so it is as exact for Chinese as for English and identical on
 * both engines.
 */
export function applySearch(
  qb: Knex.QueryBuilder,
  q: string | undefined,
  textFields: readonly FieldDef[],
): void {
  const words = (q ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 10);
  if (words.length === 0) return;
  if (textFields.length === 0) {
    qb.whereRaw('false');
    return;
  }
  const concat = textFields.map(() => `coalesce(??, '')`).join(` || ' ' || `);
  const names = textFields.map((f) => f.name);
  for (const w of words) qb.whereRaw(`(${concat}) ILIKE ? ESCAPE '\\'`, [...names, `%${likeEscape(w)}%`]);
}
