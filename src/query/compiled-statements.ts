import type { Knex } from 'knex';
import { Lru } from '../cache';
import type { Statement } from '../db';
import type { PlanCore, RowPlan } from './row-plan';

/**
 * Bounds on the kept statements, in entries and in characters of text and values together:
 * filters, sorts and group-by lists come from requests, so the shapes do too.
 */
const MAX_STATEMENTS = 2_000;
const MAX_CHARS = 8 * 1024 * 1024;

const compiled = new Lru<Statement>(MAX_STATEMENTS, MAX_CHARS);
const coreIds = new WeakMap<PlanCore, number>();
let nextCoreId = 0;

/**
 * A statement that knex builds, compiled once per plan and `shape` (everything else the
 * builder reads) and run on the raw reader like a page: knex's builder and runner cost as
 * much CPU per request as the rest of a small query. The plan's core fixes the conditions
 * and the release filter, so a kept statement never goes stale.
 */
export function compiledStatement(plan: RowPlan, shape: string, build: () => Knex.QueryBuilder): Statement {
  let coreId = coreIds.get(plan.core);
  if (coreId === undefined) coreIds.set(plan.core, (coreId = nextCoreId++));
  const key = `${coreId}\u0000${shape}`;
  const known = compiled.get(key);
  if (known) return known;
  const native = build().toSQL().toNative();
  const statement = { text: native.sql, values: [...native.bindings] };
  compiled.set(key, statement, statement.text.length + JSON.stringify(statement.values).length);
  return statement;
}

/** `statement` with `limit $n` appended and bound, so one compiled text serves every limit. */
export function withLimit(statement: Statement, limit: number): Statement {
  return {
    text: `${statement.text} limit $${statement.values.length + 1}`,
    values: [...statement.values, limit],
  };
}
