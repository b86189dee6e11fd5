import type { Knex } from 'knex';
import { quoteIdent, type Params } from '../db';
import { ValidationError } from '../errors';
import { SYSTEM_COLUMNS } from '../storage';
import type { FieldDef, TableSchema } from '../schemas';
import { resolveField, assertDistinct } from './compile-filters';
import { MAX_SORT_KEYS } from './limits';
import type { SortKey } from './spec';

/** A sort key as SQL sees it: a column, its direction, and whether NULLs can occur. */
export interface OrderColumn {
  column: string;
  desc: boolean;
  nullable: boolean;
}

export function parseSort(raw: string | undefined, fields: ReadonlyMap<string, FieldDef>): SortKey[] {
  if (raw === undefined || raw.trim() === '') return [];
  const parts = raw.split(',', MAX_SORT_KEYS + 1);
  if (parts.length > MAX_SORT_KEYS) {
    throw new ValidationError('invalid_parameter', `At most ${MAX_SORT_KEYS} sort keys`, {
      parameter: 'sort',
      maxItems: MAX_SORT_KEYS,
    });
  }
  const keys = parts.map((part) => {
    const desc = part.startsWith('-');
    const name = desc ? part.slice(1) : part;
    return { field: resolveField(fields, name, 'sort').name, desc };
  });
  assertDistinct(
    keys.map((k) => k.field),
    'sort',
  );
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

/** ORDER BY items. PostgreSQL's defaults (ASC NULLS LAST, DESC NULLS FIRST) are spelled out because the keyset relies on them. */
export function orderSql(cols: readonly OrderColumn[]): string {
  return cols
    .map((c) => `${quoteIdent(c.column)} ${c.desc ? 'DESC NULLS FIRST' : 'ASC NULLS LAST'}`)
    .join(', ');
}

export function applyOrder(qb: Knex.QueryBuilder, cols: OrderColumn[]): void {
  qb.orderByRaw(orderSql(cols));
}

function after(c: OrderColumn, v: string | null, p: Params): string {
  const col = quoteIdent(c.column);
  if (v === null) return c.desc ? `${col} is not null` : 'false';
  if (c.desc) return `${col} < ${p.add(v)}`;
  if (c.nullable) return `(${col} > ${p.add(v)} or ${col} is null)`;
  return `${col} > ${p.add(v)}`;
}

function equal(c: OrderColumn, v: string | null, p: Params): string {
  return v === null ? `${quoteIdent(c.column)} is null` : `${quoteIdent(c.column)} = ${p.add(v)}`;
}

/** Rows strictly after the cursor position in the given order, as one SQL condition. */
export function keysetCondition(
  cols: readonly OrderColumn[],
  values: Array<string | null>,
  p: Params,
): string {
  if (cols.every((c) => !c.desc && !c.nullable)) {
    // A row-value comparison lets PostgreSQL walk an index straight to the position.
    const list = cols.map((c) => quoteIdent(c.column)).join(', ');
    return `(${list}) > (${values.map((v) => p.add(v)).join(', ')})`;
  }
  const branches = cols.map((c, i) => {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) parts.push(equal(cols[j]!, values[j]!, p));
    parts.push(after(c, values[i]!, p));
    return `(${parts.join(' and ')})`;
  });
  return `(${branches.join(' or ')})`;
}
