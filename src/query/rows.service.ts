import type { Knex } from 'knex';
import { periodField, type FieldDef } from '../schemas';
import { storageRows } from '../storage';
import { compileFilters, resolveField, servableFields } from './compile-filters';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { applyKeyset, applyOrder, orderColumns, parseSort, type OrderColumn } from './order';
import { releasesMatching } from './period-pruning';
import { resolveScope, type ReleaseScope } from './release-scope';
import type { ReleaseRecord } from '../catalog';
import { assertLimit, type Filter, type RawRowQuery } from './spec';
import { applyFilters, applySearch } from './where';

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

/** The filtered row set of a plan, unordered and unprojected. */
export function filteredRows(knex: Knex, plan: RowPlan): Knex.QueryBuilder {
  const qb = storageRows(
    knex,
    plan.scope.version.storageTable,
    plan.scope.coversStorage
      ? { upTo: plan.scope.releases.reduce((m, r) => Math.max(m, r.id), 0) }
      : { ids: plan.releases.map((r) => r.id) },
  );
  applyFilters(qb, plan.filters);
  const textFields = [...servableFields(plan.scope.version.schema).values()].filter(
    (f) => f.type === 'string',
  );
  applySearch(qb, plan.q, textFields);
  return qb;
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

export async function queryRows(
  knex: Knex,
  datasetId: string,
  raw: RawRowQuery,
  now: Date,
): Promise<RowPage> {
  assertLimit(raw.limit);
  const plan = await planRows(knex, datasetId, raw, now);
  const qb = filteredRows(knex, plan);
  if (raw.cursor) applyKeyset(qb, plan.order, decodeCursor(raw.cursor, plan.fingerprint, plan.order.length));
  qb.select(plan.fields.map((f) => f.name));
  plan.order.forEach((c, i) => qb.select(knex.raw('??::text as ??', [c.column, `__k${i}`])));
  applyOrder(qb, plan.order);
  qb.limit(raw.limit + 1);
  const fetched = (await qb) as Record<string, unknown>[];
  const more = fetched.length > raw.limit;
  const page = more ? fetched.slice(0, raw.limit) : fetched;
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          plan.fingerprint,
          plan.order.map((_, i) => (last[`__k${i}`] ?? null) as string | null),
        )
      : null;
  const rows = page.map((r) => Object.fromEntries(plan.fields.map((f) => [f.name, r[f.name] ?? null])));
  const total = raw.includeTotal ? await countRows(knex, plan) : undefined;
  return { scope: plan.scope, fields: plan.fields, rows, nextCursor, total };
}
