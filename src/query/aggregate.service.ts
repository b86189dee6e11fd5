import type { Knex } from 'knex';
import type { Database, Statement } from '../db';
import { compiledStatement, withLimit } from './compiled-statements';
import { ValidationError } from '../errors';
import { allowsAggregate, FIELD_TYPE_RULES, periodField, type FieldDef } from '../schemas';
import { resolveDistinct, resolveField, servableFields } from './compile-filters';
import { MAX_GROUP_BY, MAX_MEASURES } from './limits';
import { parseRollup, rollupExpression, type Rollup } from './period-rollup';
import { filteredRows, planRows, type RowPlan } from './row-plan';
import type { ReleaseScope } from './release-scope';
import { AGGREGATE_FUNCS, assertLimit, type AggregateFunc, type RawAggregateQuery } from './spec';

export interface AggregateGroup {
  keys: Record<string, unknown>;
  count?: number;
  avg?: Record<string, number | null>;
  min?: Record<string, unknown>;
  max?: Record<string, unknown>;
  sum?: Record<string, number | null>;
}

export interface AggregateResult {
  scope: ReleaseScope;
  groupBy: FieldDef[];
  /** Present when the period was grouped by a coarser period (`period:month`). */
  rollup?: Rollup;
  groups: AggregateGroup[];
  truncated: boolean;
}

function checkMeasure(fn: AggregateFunc, f: FieldDef): void {
  if (!allowsAggregate(f.type, fn)) {
    const allowed = FIELD_TYPE_RULES[f.type].aggregates;
    throw new ValidationError(
      'invalid_aggregate',
      `${fn} does not apply to ${f.type} field ${f.name} (allowed: ${['count', ...allowed].join(', ')})`,
      { parameter: fn, field: f.name, type: f.type, allowed: [...allowed] },
    );
  }
}

/** Refuses more group-by fields or measures than the limits, before any work is planned. */
function checkCounts(raw: RawAggregateQuery): void {
  const tooMany = (parameter: string, maxItems: number, what: string) =>
    new ValidationError('invalid_parameter', `At most ${maxItems} ${what}`, { parameter, maxItems });
  if (raw.groupBy.length > MAX_GROUP_BY) throw tooMany('groupBy', MAX_GROUP_BY, 'groupBy fields');
  let measures = 0;
  for (const fn of AGGREGATE_FUNCS) {
    measures += raw.measures[fn]?.length ?? 0;
    // The parameter named is the one that takes the total past the limit.
    if (measures > MAX_MEASURES) throw tooMany(fn, MAX_MEASURES, 'measures (avg, min, max and sum together)');
  }
}

/** Group-by and summary statistics over the same filtered, version-pinned rows as `rows`. */
export async function aggregateRows(
  db: Database,
  datasetId: string,
  raw: RawAggregateQuery,
  now: Date,
): Promise<AggregateResult> {
  assertLimit(raw.limit);
  checkCounts(raw);
  const { knex } = db;
  const plan = await planRows(
    knex,
    datasetId,
    { ...raw, limit: 1, includeTotal: false, sort: undefined },
    now,
  );
  const schema = plan.scope.version.schema;
  const servable = servableFields(schema);
  const rollups = raw.groupBy.map((name) => parseRollup(name, periodField(schema)));
  const rollup = rollups.find((r) => r !== undefined);
  const groupBy = resolveDistinct(
    servable,
    raw.groupBy.map((name, i) => rollups[i]?.field.name ?? name),
    'groupBy',
  );
  const measures: Array<{ fn: AggregateFunc; field: FieldDef; alias: string }> = [];
  for (const fn of AGGREGATE_FUNCS) {
    for (const name of raw.measures[fn] ?? []) {
      const field = resolveField(servable, name, fn);
      checkMeasure(fn, field);
      measures.push({ fn, field, alias: `${fn}__${field.name}` });
    }
  }
  if (measures.length === 0 && !raw.count) {
    throw new ValidationError('invalid_aggregate', 'Ask for at least one of count, avg, min, max or sum', {
      parameter: 'count',
    });
  }
  const statement = aggregateStatement(
    knex,
    plan,
    { groupBy, rollup, measures, count: raw.count },
    raw.limit,
  );
  const rows = await db.read(statement);
  const truncated = rows.length > raw.limit;
  const groups = rows.slice(0, raw.limit).map((r) => {
    const g: AggregateGroup = { keys: {} };
    let at = 0;
    for (const f of groupBy) g.keys[f.name] = r[at++] ?? null;
    if (raw.count) g.count = Number(r[at++]);
    for (const m of measures) {
      const bucket = (g[m.fn] ??= {}) as Record<string, unknown>;
      bucket[m.field.name] = r[at++] ?? null;
    }
    return g;
  });
  return { scope: plan.scope, groupBy, ...(rollup ? { rollup } : {}), groups, truncated };
}

interface AggregateShape {
  groupBy: FieldDef[];
  rollup: Rollup | undefined;
  measures: Array<{ fn: AggregateFunc; field: FieldDef; alias: string }>;
  count: boolean;
}

/**
 * The group-by statement: keys, then the count, then each measure, as columns in that order,
 * one row past `limit` to tell whether groups were left out.
 */
function aggregateStatement(knex: Knex, plan: RowPlan, shape: AggregateShape, limit: number): Statement {
  const { groupBy, rollup, measures } = shape;
  const id =
    'aggregate:' +
    JSON.stringify([
      groupBy.map((f) => f.name),
      rollup ? [rollup.from, rollup.to] : null,
      measures.map((m) => m.alias),
      shape.count,
    ]);
  const grouped = compiledStatement(plan, id, () => {
    const qb = filteredRows(knex, plan);
    // A rolled-up period is grouped, sorted and answered under the period field's own name.
    const keyOf = (f: FieldDef) =>
      rollup && f.name === rollup.field.name ? rollupExpression(knex, rollup) : knex.ref(f.name);
    for (const f of groupBy) qb.select(knex.raw('? as ??', [keyOf(f), f.name]));
    if (shape.count) qb.select(knex.raw('count(*) as ??', ['__count']));
    for (const m of measures) qb.select(knex.raw(`${m.fn}(??) as ??`, [m.field.name, m.alias]));
    for (const f of groupBy) qb.groupByRaw('?', [keyOf(f)]);
    for (const f of groupBy) qb.orderByRaw('? asc', [keyOf(f)]);
    return qb;
  });
  return withLimit(grouped, limit + 1);
}
