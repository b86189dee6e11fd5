import type { Knex } from 'knex';
import { Params, quoteIdent, type Database, type Statement } from '../db';
import { periodField, type FieldDef, type TableSchema } from '../schemas';
import { releaseCondition, storageFrom, storageRows, type ReleaseFilter } from '../storage';
import { compileFilters, resolveField, servableFields } from './compile-filters';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { keysetCondition, orderColumns, orderSql, parseSort, type OrderColumn } from './order';
import { releasesMatching } from './period-pruning';
import { resolveScope, type ReleaseScope } from './release-scope';
import type { ReleaseRecord } from '../catalog';
import { assertLimit, type Filter, type RawRowQuery } from './spec';
import { filterConditions, searchConditions, whereAll } from './where';

export interface RowPage {
  scope: ReleaseScope;
  fields: FieldDef[];
  rows: Record<string, unknown>[];
  nextCursor: string | null;
  total?: { value: number; exact: boolean };
}

/** A read plan that both paged queries and bulk exports execute. */
export interface RowPlan {
  scope: ReleaseScope;
  /** The scope's releases narrowed by any period filters, so fewer partitions are read. */
  releases: ReleaseRecord[];
  fields: FieldDef[];
  filters: Filter[];
  order: OrderColumn[];
  q: string | undefined;
  fingerprint: string;
}

const COUNT_CAP = 100_000;

export async function planRows(knex: Knex, datasetId: string, raw: RawRowQuery, now: Date): Promise<RowPlan> {
  const scope = await resolveScope(knex, datasetId, raw, now);
  const schema = scope.version.schema;
  const servable = servableFields(schema);
  const fields = raw.fields?.length
    ? raw.fields.map((n) => resolveField(servable, n, 'fields'))
    : [...servable.values()];
  const filters = compileFilters(schema, raw.filters);
  const order = orderColumns(schema, periodField(schema).name, parseSort(raw.sort, servable));
  const fingerprint = queryFingerprint([
    datasetId,
    scope.dataVersion,
    scope.version.version,
    raw.filters,
    raw.q,
    order,
  ]);
  const releases = releasesMatching(scope.releases, filters, periodField(schema).name);
  return { scope, releases, fields, filters, order, q: raw.q, fingerprint };
}

const textFieldsOf = new WeakMap<TableSchema, FieldDef[]>();

/** Public text fields, the ones `q` searches; computed once per schema document. */
function textFields(schema: TableSchema): FieldDef[] {
  let fields = textFieldsOf.get(schema);
  if (!fields) {
    fields = [...servableFields(schema).values()].filter((f) => f.type === 'string');
    textFieldsOf.set(schema, fields);
  }
  return fields;
}

function releaseFilter(plan: RowPlan): ReleaseFilter {
  return plan.scope.coversStorage
    ? { upTo: plan.scope.releases.reduce((m, r) => Math.max(m, r.id), 0) }
    : { ids: plan.releases.map((r) => r.id) };
}

/** The plan's filters and search as SQL conditions (to be ANDed). */
function planConditions(plan: RowPlan, p: Params): string[] {
  return [
    ...filterConditions(plan.filters, p),
    ...searchConditions(plan.q, textFields(plan.scope.version.schema), p),
  ];
}

/** The filtered row set of a plan, unordered and unprojected. */
export function filteredRows(knex: Knex, plan: RowPlan): Knex.QueryBuilder {
  const p = new Params('knex');
  const qb = storageRows(knex, plan.scope.version.storageTable, releaseFilter(plan));
  whereAll(qb, planConditions(plan, p), p);
  return qb;
}

/**
 * One page as a single parameterised SELECT: the plan's fields, then each sort key as
 * text (exact cursor values), in the plan's total order, one row past the limit to tell
 * whether there is a next page. Written directly rather than through knex because this is
 * the hottest statement there is; every identifier is checked and quoted.
 */
function pageStatement(plan: RowPlan, after: Array<string | null> | undefined, limit: number): Statement {
  const p = new Params('pg');
  const where = [releaseCondition(releaseFilter(plan), p), ...planConditions(plan, p)];
  if (after) where.push(keysetCondition(plan.order, after, p));
  const select = [
    ...plan.fields.map((f) => quoteIdent(f.name)),
    // Aliased: an unnamed `"x"::text` would be an output column "x" and make ORDER BY "x" ambiguous.
    ...plan.order.map((c, i) => `${quoteIdent(c.column)}::text as __k${i}`),
  ];
  const text =
    `select ${select.join(', ')} from ${storageFrom(plan.scope.version.storageTable)}` +
    ` where ${where.join(' and ')} order by ${orderSql(plan.order)} limit ${p.add(limit + 1)}`;
  return { text, values: p.values };
}

async function countRows(knex: Knex, plan: RowPlan): Promise<{ value: number; exact: boolean }> {
  const periodName = periodField(plan.scope.version.schema).name;
  if (plan.filters.every((f) => f.field === periodName) && !plan.q) {
    return { value: plan.releases.reduce((n, r) => n + r.rowCount, 0), exact: true };
  }
  const capped = filteredRows(knex, plan)
    .select(knex.raw('1'))
    .limit(COUNT_CAP + 1);
  const [row] = (await knex.from(capped.as('c')).count<{ count: number }[]>('* as count')) as {
    count: number;
  }[];
  const n = Number(row?.count ?? 0);
  if (n <= COUNT_CAP) return { value: n, exact: true };
  // Past the cap an exact count costs a full scan; the planner's estimate is honest enough and labelled so.
  const explain = await knex.raw(
    `EXPLAIN (FORMAT JSON) ${filteredRows(knex, plan).select(knex.raw('1')).toQuery()}`,
  );
  const plan0 = (explain.rows?.[0]?.['QUERY PLAN'] ?? [])[0] as
    { Plan?: { 'Plan Rows'?: number } } | undefined;
  return { value: Math.max(COUNT_CAP + 1, Math.round(plan0?.Plan?.['Plan Rows'] ?? 0)), exact: false };
}

/** Row objects keyed by field name, built from the array rows in select-list order. */
function rowObjects(rows: readonly unknown[][], fields: readonly FieldDef[]): Record<string, unknown>[] {
  const names = fields.map((f) => f.name);
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) o[names[i]!] = r[i] ?? null;
    return o;
  });
}

export async function queryRows(
  db: Database,
  datasetId: string,
  raw: RawRowQuery,
  now: Date,
): Promise<RowPage> {
  assertLimit(raw.limit);
  const plan = await planRows(db.knex, datasetId, raw, now);
  const after = raw.cursor ? decodeCursor(raw.cursor, plan.fingerprint, plan.order.length) : undefined;
  const fetched = await db.read(pageStatement(plan, after, raw.limit));
  const more = fetched.length > raw.limit;
  const page = more ? fetched.slice(0, raw.limit) : fetched;
  const last = page[page.length - 1];
  const keyAt = plan.fields.length;
  const nextCursor =
    more && last
      ? encodeCursor(
          plan.fingerprint,
          plan.order.map((_, i) => (last[keyAt + i] ?? null) as string | null),
        )
      : null;
  const rows = rowObjects(page, plan.fields);
  const total = raw.includeTotal ? await countRows(db.knex, plan) : undefined;
  return { scope: plan.scope, fields: plan.fields, rows, nextCursor, total };
}
