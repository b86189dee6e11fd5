import type { Database } from '../db';
import { periodField, type FieldDef } from '../schemas';
import { decodeCursor, encodeCursor } from './cursor';
import { keyValues, pageStatement } from './page-statement';
import { rowBuilder } from './row-builder';
import type { ReleaseScope } from './release-scope';
import { filteredRows, planRows, type RowPlan } from './row-plan';
import { assertLimit, assertOffset, type RawRowQuery } from './spec';
import { distinctRows, distinctStatement } from './distinct-statement';
import { ValidationError } from '../errors';
import { compiledStatement } from './compiled-statements';

export interface RowPage {
  scope: ReleaseScope;
  fields: FieldDef[];
  rows: Record<string, unknown>[];
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

const COUNT_CAP = 100_000;

async function countRows(
  db: Database,
  plan: RowPlan,
  distinct: boolean,
): Promise<{ value: number; exact: boolean }> {
  const { knex } = db;
  const periodName = periodField(plan.scope.version.schema).name;
  if (!distinct && plan.filters.every((f) => f.field === periodName) && !plan.q) {
    return { value: plan.releases.reduce((n, r) => n + r.rowCount, 0), exact: true };
  }
  const source = () => (distinct ? distinctRows(knex, plan) : filteredRows(knex, plan).select(knex.raw('1')));
  const counted = compiledStatement(plan, distinct ? 'count:distinct' : 'count', () =>
    knex
      .from(
        source()
          .limit(COUNT_CAP + 1)
          .as('c'),
      )
      .count('* as count'),
  );
  const [row] = await db.read(counted);
  const n = Number(row?.[0] ?? 0);
  if (n <= COUNT_CAP) return { value: n, exact: true };
  // Past the cap an exact count costs a full scan; the planner's estimate is honest enough and labelled so.
  const explain = await knex.raw(`EXPLAIN (FORMAT JSON) ${source().toQuery()}`);
  const plan0 = (explain.rows?.[0]?.['QUERY PLAN'] ?? [])[0] as
    { Plan?: { 'Plan Rows'?: number } } | undefined;
  return { value: Math.max(COUNT_CAP + 1, Math.round(plan0?.Plan?.['Plan Rows'] ?? 0)), exact: false };
}

const byName = (f: FieldDef) => f.name;

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
  // The count runs beside the page, on a connection of its own, as a handler written for speed would.
  const total = raw.includeTotal ? countRows(db, plan, raw.distinct === true) : undefined;
  // A page that fails must not leave the count's rejection unhandled.
  total?.catch(() => undefined);
  const keys = plan.fields.map(keyOf);
  if (raw.distinct) {
    const fetched = await db.read(distinctStatement(plan, raw.sort, raw.limit, raw.offset ?? 0));
    const more = fetched.length > raw.limit;
    const sources = plan.fields.map((_f, at) => ({ at }));
    return {
      scope: plan.scope,
      fields: plan.fields,
      rows: (more ? fetched.slice(0, raw.limit) : fetched).map(rowBuilder(keys, sources)),
      hasMore: more,
      nextCursor: null,
      endCursor: null,
      total: await total,
    };
  }
  const withCursor = raw.withCursor ?? true;
  const statement = pageStatement(plan, after, raw.limit, withCursor, raw.offset ?? 0);
  const fetched = await db.read(statement);
  const more = fetched.length > raw.limit;
  const page = more ? fetched.slice(0, raw.limit) : fetched;
  const last = page[page.length - 1];
  const endCursor =
    last && withCursor ? encodeCursor(plan.fingerprint, keyValues(statement.keys, last)) : null;
  return {
    scope: plan.scope,
    fields: plan.fields,
    rows: page.map(rowBuilder(keys, statement.fields)),
    hasMore: more,
    nextCursor: more ? endCursor : null,
    endCursor,
    total: await total,
  };
}
