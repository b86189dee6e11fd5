import type pg from 'pg';
import type { Statement } from '../../src/db';

/** One node of `EXPLAIN (ANALYZE, FORMAT JSON)`. */
export interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Rows Removed by Join Filter'?: number;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const DISCARDS = [
  'Rows Removed by Filter',
  'Rows Removed by Index Recheck',
  'Rows Removed by Join Filter',
] as const;

const total = (n: PlanNode, rows: number | undefined) => (rows ?? 0) * (n['Actual Loops'] || 1);

function* nodes(n: PlanNode): Generator<PlanNode> {
  yield n;
  for (const child of n.Plans ?? []) yield* nodes(child);
}

/** Rows a node threw away after reading them, over all its loops. */
export const discarded = (n: PlanNode) => DISCARDS.reduce((sum, k) => sum + total(n, n[k]), 0);

/**
 * The rows an answer is made of: what the statement returns, or, where it aggregates, the
 * rows that go into the aggregate (a count of 1,040 rows is made of 1,040 rows).
 */
export function answerRows(root: PlanNode): number {
  let most = total(root, root['Actual Rows']);
  for (const n of nodes(root)) {
    if (n['Node Type'] === 'Aggregate' && n.Plans?.[0])
      most = Math.max(most, total(n.Plans[0], n.Plans[0]['Actual Rows']));
  }
  return most;
}

/** The nodes that discard more than `factor` times the rows of the answer. */
export function wastefulNodes(root: PlanNode, factor: number): string[] {
  const limit = factor * Math.max(1, answerRows(root));
  return [...nodes(root)]
    .filter((n) => discarded(n) > limit)
    .map(
      (n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''} discarded ${discarded(n)}`,
    );
}

/** A bound value as a SQL literal of unknown type, which EXECUTE casts to the parameter's type. */
function literal(client: pg.PoolClient, v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return client.escapeLiteral(Array.isArray(v) ? `{${v.map(String).join(',')}}` : String(v));
}

/**
 * EXPLAIN ANALYZE of a statement as this session would run it: a statement the reader
 * prepared under a name is explained through EXECUTE, so the plan is whichever the
 * session's plan cache chooses for it (a generic plan, if the session ever settles on one);
 * any other statement is explained with its values bound, as it was sent.
 */
export async function explainAsSent(client: pg.PoolClient, s: Statement): Promise<PlanNode> {
  const found = await client.query<{ name: string }>(
    'SELECT name FROM pg_prepared_statements WHERE statement = $1',
    [s.text],
  );
  const name = found.rows[0]?.name;
  const res = name
    ? await client.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${s.values.map((v) => literal(client, v)).join(', ')})`,
      )
    : await client.query({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, values: s.values });
  return (res.rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0]!.Plan;
}
