import { Params, quoteIdent, type Statement } from '../db';
import type { CellValue } from '../schemas';
import { SYSTEM_COLUMNS, releaseCondition, storageFrom } from '../storage';
import { keysetCondition, orderSql } from './order';
import { planConditions, releaseFilter, type PlanCore, type RowPlan } from './row-plan';

/** Where one sort key's text is in a result row: a column, or one part of a joined column. */
export interface KeySource {
  at: number;
  part?: number;
}

/** Where one of the plan's fields is: a column of the result row, or a value a filter pins. */
export type FieldSource = { at: number } | { pinned: CellValue };

/** The parts of a page statement that every request with the same plan shares. */
interface PageSql {
  /** `select … from … where …` */
  head: string;
  values: unknown[];
  /** ` order by …` */
  order: string;
  keys: KeySource[];
  fields: FieldSource[];
}

export interface PageStatement extends Statement {
  /** Where each sort key's text is in a result row (for the next page's cursor). */
  keys: KeySource[];
  /** Where each of the plan's fields is, in the plan's field order. */
  fields: FieldSource[];
}

/** The sort key values (cursor position) of one result row. */
export function keyValues(keys: readonly KeySource[], row: readonly unknown[]): Array<string | null> {
  return keys.map(({ at, part }) => {
    const v = (row[at] ?? null) as string | null;
    return part === undefined || v === null ? v : v.split(',')[part]!;
  });
}

// Stored as text and read as that same text: such a selected field is its own cursor value.
const TEXT_AS_STORED = new Set(['string', 'period', 'yearmonth', 'date']);
const UPLOAD_ORDER = [SYSTEM_COLUMNS.release, SYSTEM_COLUMNS.row];

/**
 * Text fields an `eq` filter fixes to one value. Text `=` under PostgreSQL's deterministic
 * collations is byte equality, so every matching row holds exactly the bound value; it is
 * not read back from each row. Sort keys stay selected, since cursors read them from rows.
 */
function pinnedValues(plan: RowPlan): Map<string, CellValue> {
  const sorted = new Set(plan.order.map((c) => c.column));
  const pinned = new Map<string, CellValue>();
  for (const f of plan.filters) {
    const field = plan.fields.find((x) => x.name === f.field);
    if (f.op !== 'eq' || field?.type !== 'string' || sorted.has(f.field) || pinned.has(f.field)) continue;
    pinned.set(f.field, f.values[0]!);
  }
  return pinned;
}

const withKeys = new WeakMap<PlanCore, PageSql>();
const withoutKeys = new WeakMap<PlanCore, PageSql>();

function build(plan: RowPlan, readKeys: boolean): PageSql {
  const p = new Params('pg');
  const where = [releaseCondition(releaseFilter(plan), p), ...planConditions(plan, p)];
  const pinned = pinnedValues(plan);
  const select: string[] = [];
  const fields: FieldSource[] = plan.fields.map((f) => {
    if (pinned.has(f.name)) return { pinned: pinned.get(f.name)! };
    select.push(quoteIdent(f.name));
    return { at: select.length - 1 };
  });
  // Every field can be pinned and no cursor wanted; a select list still needs one column.
  if (select.length === 0) select.push('1');
  const keys: KeySource[] = [];
  const order = plan.order.map((c) => c.column);
  // Every order ends with the upload order (release, row): two integers that travel as one
  // column "release,row", which spares decoding a column per row.
  const joined = readKeys && order.length >= 2 && order.slice(-2).join() === UPLOAD_ORDER.join();
  for (const c of !readKeys ? [] : joined ? order.slice(0, -2) : order) {
    const i = plan.fields.findIndex((f) => f.name === c);
    const source = fields[i];
    if (source && 'at' in source && TEXT_AS_STORED.has(plan.fields[i]!.type)) {
      keys.push({ at: source.at });
      continue;
    }
    // Aliased: an unnamed `"x"::text` would be an output column "x" and make ORDER BY "x" ambiguous.
    select.push(`${quoteIdent(c)}::text as __k${select.length}`);
    keys.push({ at: select.length - 1 });
  }
  if (joined) {
    const [release, row] = UPLOAD_ORDER.map(quoteIdent);
    select.push(`${release}::text || ',' || ${row}::text as __k${select.length}`);
    keys.push({ at: select.length - 1, part: 0 }, { at: select.length - 1, part: 1 });
  }
  const from = storageFrom(plan.scope.version.storageTable);
  return {
    head: `select ${select.join(', ')} from ${from} where ${where.join(' and ')}`,
    values: p.values,
    order: ` order by ${orderSql(plan.order)}`,
    keys,
    fields,
  };
}

/**
 * One page as a single parameterised SELECT: the plan's fields, then each sort key not
 * already among them as text (exact cursor values), in the plan's total order, one row past
 * the limit to tell whether there is a next page. Written directly rather than through knex
 * because this is the hottest statement there is; every identifier is checked and quoted.
 * Only the keyset and the limit differ between requests with the same plan, so the rest is
 * built once. A caller that wants no next-page cursor (`readKeys` false) gets no key columns.
 * An `offset` skips rows after the keyset position (or from the start).
 */
export function pageStatement(
  plan: RowPlan,
  after: Array<string | null> | undefined,
  limit: number,
  readKeys = true,
  offset = 0,
): PageStatement {
  const built = readKeys ? withKeys : withoutKeys;
  let sql = built.get(plan.core);
  if (!sql) built.set(plan.core, (sql = build(plan, readKeys)));
  const p = new Params('pg', [...sql.values]);
  const keyset = after ? ` and ${keysetCondition(plan.order, after, p)}` : '';
  // Without an offset the text stays the same as before, so its prepared statement is shared.
  const skip = offset > 0 ? ` offset ${p.add(offset)}` : '';
  return {
    text: `${sql.head}${keyset}${sql.order} limit ${p.add(limit + 1)}${skip}`,
    values: p.values,
    keys: sql.keys,
    fields: sql.fields,
  };
}
