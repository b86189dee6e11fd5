import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { SYSTEM_COLUMNS } from '../storage';
import type { FieldDef, TableSchema } from '../schemas';
import { resolveField } from './compile-filters';
import type { SortKey } from './spec';

/** A sort key as SQL sees it: a column, its direction, and whether NULLs can occur. */
export interface OrderColumn {
  column: string;
  desc: boolean;
  nullable: boolean;
}

export function parseSort(raw: string | undefined, fields: Map<string, FieldDef>): SortKey[] {
  if (raw === undefined || raw.trim() === '') return [];
  const keys = raw.split(',').map((part) => {
    const desc = part.startsWith('-');
    const name = desc ? part.slice(1) : part;
    return { field: resolveField(fields, name, 'sort').name, desc };
  });
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.field)) {
      throw new ValidationError('invalid_parameter', `Field ${k.field} appears twice in sort`, {
        parameter: 'sort',
        field: k.field,
      });
    }
    seen.add(k.field);
  }
  return keys;
}

/** User keys, then period (the natural order), then upload order: a total, stable order. */
export function orderColumns(schema: TableSchema, periodName: string, keys: SortKey[]): OrderColumn[] {
  const cols: OrderColumn[] = keys.map((k) => ({
    column: k.field,
    desc: k.desc,
    nullable: !schema.primaryKey.includes(k.field),
  }));
  if (!keys.some((k) => k.field === periodName))
    cols.push({ column: periodName, desc: false, nullable: false });
  cols.push({ column: SYSTEM_COLUMNS.release, desc: false, nullable: false });
  cols.push({ column: SYSTEM_COLUMNS.row, desc: false, nullable: false });
  return cols;
}

export function applyOrder(qb: Knex.QueryBuilder, cols: OrderColumn[]): void {
  // PostgreSQL's defaults (ASC NULLS LAST, DESC NULLS FIRST) are spelled out because the keyset relies on them.
  for (const c of cols) qb.orderByRaw(`?? ${c.desc ? 'DESC NULLS FIRST' : 'ASC NULLS LAST'}`, [c.column]);
}

function after(qb: Knex.QueryBuilder, c: OrderColumn, v: string | null): void {
  if (v === null) {
    if (c.desc) qb.whereNotNull(c.column);
    else qb.whereRaw('false');
    return;
  }
  if (c.desc) qb.where(c.column, '<', v);
  else if (c.nullable) qb.where((w) => w.where(c.column, '>', v).orWhereNull(c.column));
  else qb.where(c.column, '>', v);
}

function equal(qb: Knex.QueryBuilder, c: OrderColumn, v: string | null): void {
  if (v === null) qb.whereNull(c.column);
  else qb.where(c.column, '=', v);
}

/** Rows strictly after the cursor position in the given order. */
export function applyKeyset(qb: Knex.QueryBuilder, cols: OrderColumn[], values: Array<string | null>): void {
  if (cols.every((c) => !c.desc && !c.nullable)) {
    // A row-value comparison lets PostgreSQL walk an index straight to the position.
    const list = cols.map(() => '??').join(', ');
    const marks = values.map(() => '?').join(', ');
    qb.whereRaw(`(${list}) > (${marks})`, [...cols.map((c) => c.column), ...values]);
    return;
  }
  qb.where((outer) => {
    cols.forEach((c, i) => {
      outer.orWhere((branch) => {
        for (let j = 0; j < i; j++) equal(branch, cols[j]!, values[j]!);
        after(branch, c, values[i]!);
      });
    });
  });
}
