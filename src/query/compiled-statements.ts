import type { Knex } from 'knex';
import type { Statement } from '../db';
import type { PlanCore, RowPlan } from './row-plan';

const compiled = new WeakMap<PlanCore, Map<string, Statement>>();
/** Shapes kept per plan; plans themselves are bounded by their own cache. */
const MAX_SHAPES_PER_PLAN = 64;

/**
 * A statement that knex builds, compiled once per plan and `shape` (everything else the
 * builder reads) and run on the raw reader like a page: knex's builder and runner cost as
 * much CPU per request as the rest of a small query. The plan's core fixes the conditions
 * and the release filter, so its statements never go stale; they go with it.
 */
export function compiledStatement(plan: RowPlan, shape: string, build: () => Knex.QueryBuilder): Statement {
  let byShape = compiled.get(plan.core);
  if (!byShape) compiled.set(plan.core, (byShape = new Map()));
  const known = byShape.get(shape);
  if (known) return known;
  const native = build().toSQL().toNative();
  const statement = { text: native.sql, values: [...native.bindings] };
  if (byShape.size >= MAX_SHAPES_PER_PLAN) byShape.clear();
  byShape.set(shape, statement);
  return statement;
}
