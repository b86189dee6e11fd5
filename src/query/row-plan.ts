import type { Knex } from 'knex';
import { Lru } from '../cache';
import { assertSearchLength, type ReleaseRecord } from '../catalog';
import { Params } from '../db';
import { isTextualType, periodField, type FieldDef, type TableSchema } from '../schemas';
import { storageRows, type ReleaseFilter } from '../storage';
import { compileFilters, resolveDistinct, servableFields } from './compile-filters';
import { queryFingerprint } from './cursor';
import { orderColumns, parseSort, type OrderColumn } from './order';
import { resolveLatest } from './latest-periods';
import { releasesMatching } from './period-pruning';
import { resolveScope, type ReleaseScope } from './release-scope';
import type { Filter, RawFilter, RawRowQuery } from './spec';
import { filterConditions, searchConditions, whereAll } from './where';

/** What a plan is made of apart from its scope: fixed by the data state and the request. */
export interface PlanCore {
  /** The scope's releases narrowed by any period filters, so fewer partitions are read. */
  releases: ReleaseRecord[];
  fields: FieldDef[];
  filters: Filter[];
  order: OrderColumn[];
  q: string | undefined;
  fingerprint: string;
}

/** A read plan that paged queries, counts, aggregates and bulk exports execute. */
export interface RowPlan extends PlanCore {
  scope: ReleaseScope;
  /** The shared (cached, never mutated) core this plan was made from; a key for memos. */
  core: PlanCore;
}

/**
 * Plans are cached by everything they depend on: the schema version, the data version
 * (which names the exact set of visible releases), whether that set is all of storage, and
 * the request's fields, filters, search and sort. A publish, a revision or an embargo
 * lifting changes the data version, so a stale plan is never found, only evicted.
 */
const MAX_PLANS = 500;
const cores = new Lru<PlanCore>(MAX_PLANS, MAX_PLANS);

/** A filter's meaning, without where it came from: equal queries share plans and cursors. */
const meaningOf = (filters: readonly RawFilter[]) =>
  filters.map(({ field, op, value }) => ({ field, op, value }));

function makeCore(
  datasetId: string,
  scope: ReleaseScope,
  raw: RawRowQuery,
  filterMeaning: ReturnType<typeof meaningOf>,
): PlanCore {
  const schema = scope.version.schema;
  const servable = servableFields(schema);
  const fields = raw.fields?.length
    ? resolveDistinct(servable, raw.fields, 'fields')
    : [...servable.values()];
  const filters = compileFilters(schema, raw.filters);
  const order = orderColumns(schema, periodField(schema).name, parseSort(raw.sort, servable));
  // Filters are ANDed, so their order is no part of a cursor's query: the same filters in
  // another order (a response served from the REST cache to such a request) accept its cursors.
  const filterSet = filterMeaning.map((f) => JSON.stringify(f)).sort();
  const fingerprint = queryFingerprint([
    datasetId,
    scope.dataVersion,
    scope.version.version,
    filterSet,
    raw.q,
    order,
  ]);
  const releases = releasesMatching(scope.releases, filters, periodField(schema).name);
  return { releases, fields, filters, order, q: raw.q, fingerprint };
}

export async function planRows(knex: Knex, datasetId: string, raw: RawRowQuery, now: Date): Promise<RowPlan> {
  assertSearchLength(raw.q);
  const scope = await resolveScope(knex, datasetId, raw, now);
  const resolved = {
    ...raw,
    filters: resolveLatest(raw.filters, scope, periodField(scope.version.schema).name),
  };
  const filterMeaning = meaningOf(resolved.filters);
  const key = JSON.stringify([
    scope.version.id,
    scope.dataVersion,
    scope.coversStorage,
    raw.fields ?? null,
    filterMeaning,
    raw.q ?? null,
    raw.sort ?? null,
  ]);
  let core = cores.get(key);
  if (!core) cores.set(key, (core = makeCore(datasetId, scope, resolved, filterMeaning)), 1);
  return { ...core, scope, core };
}

const textFieldsOf = new WeakMap<TableSchema, FieldDef[]>();

/** Public text fields, the ones `q` searches; computed once per schema document. */
function textFields(schema: TableSchema): FieldDef[] {
  let fields = textFieldsOf.get(schema);
  if (!fields) {
    fields = [...servableFields(schema).values()].filter((f) => isTextualType(f.type));
    textFieldsOf.set(schema, fields);
  }
  return fields;
}

const maxId = (releases: readonly ReleaseRecord[]) => releases.reduce((m, r) => Math.max(m, r.id), 0);

// Per stored-id list (one per snapshot and scope) and narrowed release list (one per plan core).
const filters = new WeakMap<readonly number[], WeakMap<readonly ReleaseRecord[], ReleaseFilter>>();

/**
 * Which stored releases a plan reads, said the shortest way: every release up to the last
 * one it reads, less those it must not see (superseded, embargoed, withdrawn, or published
 * after an `asOf`), or else the list of the ones it reads. A dataset with one correction,
 * or a read as of last year, is then a range with a few exceptions, not hundreds of ids.
 */
export function releaseFilter(plan: RowPlan): ReleaseFilter {
  const { scope } = plan;
  if (scope.coversStorage) return { upTo: maxId(scope.releases) };
  let byPlan = filters.get(scope.storedIds);
  if (!byPlan) filters.set(scope.storedIds, (byPlan = new WeakMap()));
  let filter = byPlan.get(plan.releases);
  if (!filter) {
    const upTo = maxId(plan.releases);
    const visible = new Set(scope.releases.map((r) => r.id));
    const except = scope.storedIds.filter((id) => id <= upTo && !visible.has(id));
    filter =
      except.length < plan.releases.length ? { upTo, except } : { ids: plan.releases.map((r) => r.id) };
    byPlan.set(plan.releases, filter);
  }
  return filter;
}

/** The plan's filters and search as SQL conditions (to be ANDed). */
export function planConditions(plan: RowPlan, p: Params): string[] {
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
