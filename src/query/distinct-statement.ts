import type { Knex } from 'knex';
import { Params, quoteIdent, type Statement } from '../db';
import { ValidationError } from '../errors';
import { releaseCondition, storageFrom } from '../storage';
import { servableFields } from './compile-filters';
import { orderSql, parseSort, type OrderColumn } from './order';
import { filteredRows, planConditions, releaseFilter, type RowPlan } from './row-plan';

/**
 * The order of distinct rows: the client's sort keys, then every selected field, so the
 * order is total and an offset always names the same rows. Under DISTINCT every sort key
 * must be a selected field, since a row no longer stands for one stored row.
 */
function distinctOrder(plan: RowPlan, sort: string | undefined): OrderColumn[] {
  const keys = parseSort(sort, servableFields(plan.scope.version.schema));
  const selected = new Set(plan.fields.map((f) => f.name));
  for (const k of keys) {
    if (!selected.has(k.field)) {
      throw new ValidationError('invalid_parameter', `With distinct, sort by selected fields only`, {
        parameter: 'sort',
        field: k.field,
        allowed: [...selected],
      });
    }
  }
  const sorted = new Set(keys.map((k) => k.field));
  return [
    ...keys.map((k) => ({ column: k.field, desc: k.desc, nullable: true })),
    ...plan.fields
      .filter((f) => !sorted.has(f.name))
      .map((f) => ({ column: f.name, desc: false, nullable: true })),
  ];
}

/**
 * One page of distinct rows as a single parameterised SELECT, one row past the limit to
 * tell whether more follow. Columns are the plan's fields in order.
 */
export function distinctStatement(
  plan: RowPlan,
  sort: string | undefined,
  limit: number,
  offset: number,
): Statement {
  const p = new Params('pg');
  const where = [releaseCondition(releaseFilter(plan), p), ...planConditions(plan, p)];
  const columns = plan.fields.map((f) => quoteIdent(f.name)).join(', ');
  const order = orderSql(distinctOrder(plan, sort));
  const skip = offset > 0 ? ` offset ${p.add(offset)}` : '';
  return {
    text: `select distinct ${columns} from ${storageFrom(plan.scope.version.storageTable)} where ${where.join(' and ')} order by ${order} limit ${p.add(limit + 1)}${skip}`,
    values: p.values,
  };
}

/** The distinct rows of a plan as a knex query, for counting. */
export function distinctRows(knex: Knex, plan: RowPlan): Knex.QueryBuilder {
  return filteredRows(knex, plan).distinct(plan.fields.map((f) => f.name));
}
