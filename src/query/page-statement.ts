import { Params, quoteIdent, type Statement } from '../db';
import { releaseCondition, storageFrom } from '../storage';
import { keysetCondition, orderSql } from './order';
import { planConditions, releaseFilter, type PlanCore, type RowPlan } from './row-plan';

/** The parts of a page statement that every request with the same plan shares. */
interface PageSql {
  /** `select … from … where …` */
  head: string;
  values: unknown[];
  /** ` order by …` */
  order: string;
}

const pageSql = new WeakMap<PlanCore, PageSql>();

function build(plan: RowPlan): PageSql {
  const p = new Params('pg');
  const where = [releaseCondition(releaseFilter(plan), p), ...planConditions(plan, p)];
  const select = [
    ...plan.fields.map((f) => quoteIdent(f.name)),
    // Aliased: an unnamed `"x"::text` would be an output column "x" and make ORDER BY "x" ambiguous.
    ...plan.order.map((c, i) => `${quoteIdent(c.column)}::text as __k${i}`),
  ];
  return {
    head: `select ${select.join(', ')} from ${storageFrom(plan.scope.version.storageTable)} where ${where.join(' and ')}`,
    values: p.values,
    order: ` order by ${orderSql(plan.order)}`,
  };
}

/**
 * One page as a single parameterised SELECT: the plan's fields, then each sort key as
 * text (exact cursor values), in the plan's total order, one row past the limit to tell
 * whether there is a next page. Written directly rather than through knex because this is
 * the hottest statement there is; every identifier is checked and quoted. Only the keyset
 * and the limit differ between requests with the same plan, so the rest is built once.
 */
export function pageStatement(
  plan: RowPlan,
  after: Array<string | null> | undefined,
  limit: number,
): Statement {
  let sql = pageSql.get(plan.core);
  if (!sql) pageSql.set(plan.core, (sql = build(plan)));
  const p = new Params('pg', [...sql.values]);
  const keyset = after ? ` and ${keysetCondition(plan.order, after, p)}` : '';
  return { text: `${sql.head}${keyset}${sql.order} limit ${p.add(limit + 1)}`, values: p.values };
}
