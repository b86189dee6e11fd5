import type { Knex } from 'knex';
import type { Database } from '../db';
import { periodField, type FieldDef } from '../schemas';
import { decodeCursor, encodeCursor } from './cursor';
import { keyValues, pageStatement, type FieldSource, type RowForm } from './page-statement';
import { rowBuilder } from './row-builder';
import type { ReleaseScope } from './release-scope';
import { filteredRows, planRows, type RowPlan } from './row-plan';
import { assertLimit, assertOffset, type RawRowQuery } from './spec';
import { distinctRows, distinctStatement } from './distinct-statement';
import { ValidationError } from '../errors';

interface PageInfo {
  scope: ReleaseScope;
  fields: FieldDef[];
  /** Whether rows follow this page. */
  hasMore: boolean;
  /** Where the next page starts; null on the last page or when no cursor was wanted. */
  nextCursor: string | null;
  /**
   * The position after this page's last row even on the last page, where a later page would
   * start (empty, unless the data changed); null for an empty page or when no cursor was wanted.
   */
  endCursor: string | null;
  total?: { value: number; exact: boolean };
}

export interface RowPage extends PageInfo {
  rows: Record<string, unknown>[];
}

/** A page whose rows are already one JSON array, as UTF-8 bytes. */
export interface JsonRowPage extends PageInfo {
  json: Buffer;
  count: number;
}

const COUNT_CAP = 100_000;

async function countRows(
  knex: Knex,
  plan: RowPlan,
  distinct: boolean,
): Promise<{ value: number; exact: boolean }> {
  const periodName = periodField(plan.scope.version.schema).name;
  if (!distinct && plan.filters.every((f) => f.field === periodName) && !plan.q) {
    return { value: plan.releases.reduce((n, r) => n + r.rowCount, 0), exact: true };
  }
  const source = () => (distinct ? distinctRows(knex, plan) : filteredRows(knex, plan).select(knex.raw('1')));
  const capped = source().limit(COUNT_CAP + 1);
  const [row] = (await knex.from(capped.as('c')).count<{ count: number }[]>('* as count')) as {
    count: number;
  }[];
  const n = Number(row?.count ?? 0);
  if (n <= COUNT_CAP) return { value: n, exact: true };
  // Past the cap an exact count costs a full scan; the planner's estimate is honest enough and labelled so.
  const explain = await knex.raw(`EXPLAIN (FORMAT JSON) ${source().toQuery()}`);
  const plan0 = (explain.rows?.[0]?.['QUERY PLAN'] ?? [])[0] as
    { Plan?: { 'Plan Rows'?: number } } | undefined;
  return { value: Math.max(COUNT_CAP + 1, Math.round(plan0?.Plan?.['Plan Rows'] ?? 0)), exact: false };
}

const byName = (f: FieldDef) => f.name;

/** The planned, fetched page before its rows are shaped. */
interface Fetched {
  plan: RowPlan;
  page: unknown[][];
  fields: FieldSource[];
  info: PageInfo;
}

async function fetchPage(
  db: Database,
  datasetId: string,
  raw: RawRowQuery,
  now: Date,
  form: RowForm,
): Promise<Fetched> {
  assertLimit(raw.limit);
  assertOffset(raw.offset);
  const plan = await planRows(db.knex, datasetId, raw, now);
  if (raw.distinct && raw.cursor) {
    throw new ValidationError('invalid_parameter', 'Distinct rows page by offset, not by cursor', {
      parameter: 'cursor',
    });
  }
  const after =
    raw.cursor && !raw.distinct ? decodeCursor(raw.cursor, plan.fingerprint, plan.order.length) : undefined;
  // The count runs beside the page, on its own connection.
  const total = raw.includeTotal ? countRows(db.knex, plan, raw.distinct === true) : undefined;
  // A page that fails must not leave the count's rejection unhandled.
  total?.catch(() => undefined);
  if (raw.distinct) {
    const fetched = await db.read(distinctStatement(plan, raw.sort, raw.limit, raw.offset ?? 0));
    const more = fetched.length > raw.limit;
    return {
      plan,
      page: more ? fetched.slice(0, raw.limit) : fetched,
      fields: plan.fields.map((_f, at) => ({ at })),
      info: {
        scope: plan.scope,
        fields: plan.fields,
        hasMore: more,
        nextCursor: null,
        endCursor: null,
        total: await total,
      },
    };
  }
  const withCursor = raw.withCursor ?? true;
  const statement = pageStatement(plan, after, raw.limit, withCursor, raw.offset ?? 0, form);
  const fetched = await db.read(statement);
  const more = fetched.length > raw.limit;
  const page = more ? fetched.slice(0, raw.limit) : fetched;
  const last = page[page.length - 1];
  const endCursor =
    last && withCursor ? encodeCursor(plan.fingerprint, keyValues(statement.keys, last)) : null;
  return {
    plan,
    page,
    fields: statement.fields,
    info: {
      scope: plan.scope,
      fields: plan.fields,
      hasMore: more,
      nextCursor: more ? endCursor : null,
      endCursor,
      total: await total,
    },
  };
}

/**
 * One page of rows. `keyOf` names the keys of the row objects (default: the field names),
 * for a transport that exposes fields under other names.
 */
export async function queryRows(
  db: Database,
  datasetId: string,
  raw: RawRowQuery,
  now: Date,
  keyOf: (f: FieldDef) => string = byName,
): Promise<RowPage> {
  const { plan, page, fields, info } = await fetchPage(db, datasetId, raw, now, 'columns');
  return { ...info, rows: page.map(rowBuilder(plan.fields.map(keyOf), fields)) };
}

/**
 * One page of rows as a JSON array of objects keyed by field name, the same answer as
 * `JSON.stringify(queryRows(…).rows)` but written by PostgreSQL: Node neither decodes the
 * columns, nor builds an object per row, nor serialises them again. Numbers keep their
 * stored decimal text (`1.50` rather than `1.5`; the same value to a JSON reader). Distinct
 * pages are shaped here instead.
 */
export async function queryRowsJson(
  db: Database,
  datasetId: string,
  raw: RawRowQuery,
  now: Date,
): Promise<JsonRowPage> {
  const { plan, page, fields, info } = await fetchPage(db, datasetId, raw, now, 'json');
  if (raw.distinct) {
    const rows = page.map(rowBuilder(plan.fields.map(byName), fields));
    return { ...info, json: Buffer.from(JSON.stringify(rows), 'utf8'), count: rows.length };
  }
  let text = '[';
  for (let i = 0; i < page.length; i++) text += (i ? ',' : '') + (page[i]![0] as string);
  return { ...info, json: Buffer.from(`${text}]`, 'utf8'), count: page.length };
}
