import type { GraphQLFieldResolver } from 'graphql';
import pg from 'pg';
import { prepareDatabase } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { SchemaSource } from '../src/graphql/schema-source';
import { serveApolloFloor } from './lib/apollo-floor';
import { camel } from './lib/mix-shapes';

/**
 * The workload mix's Apollo floor: what any server built on @apollo/server costs for each
 * shape on this machine. It serves **our own GraphQL schema** (the same documents are parsed,
 * validated and compiled against the same types), through the same express integration,
 * gateway and executor (graphql-jit), but each dataset's root fields are replaced by a
 * resolver that runs the bare handler's hand-written SQL for the request (named in the
 * `x-floor` header) and hands the rows over as they come: no catalog, no plan, no
 * validation of values, no release scope, no cursors, no metrics, no plugins of ours.
 * Our server can at best reach this; the distance between them is our own code.
 */
interface FloorRequest {
  /** Statement ids (MIX_SQL) and their values: a page, and its count when one is asked. */
  ids: number[];
  p: unknown[][];
  /** For an aggregate: the group-by field and the measure (schema names). */
  agg?: { key: string; measure: string };
}

pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.MIX_POOL ?? 12),
});
const statements = JSON.parse(process.env.MIX_SQL ?? '[]') as string[];
const datasets = JSON.parse(process.env.MIX_FLOOR_ROOTS ?? '[]') as string[];

type Ctx = { floor: FloorRequest };

const rows: GraphQLFieldResolver<unknown, Ctx> = async (_root, _args, { floor }) => {
  const [page, total] = await Promise.all(
    floor.ids.map((id, i) =>
      pool.query<unknown[]>({ text: statements[id]!, values: floor.p[i], rowMode: 'array' }),
    ),
  );
  const keys = page!.fields.map((f) => camel(f.name));
  const nodes = page!.rows.map((r) => {
    const node: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) node[keys[i]!] = r[i];
    return node;
  });
  return { nodes, totalCount: total ? Number(total.rows[0]![0]) : null, pageInfo: {} };
};

/** Our aggregate groups: keys and each summary keyed by schema field name. */
const aggregate: GraphQLFieldResolver<unknown, Ctx> = async (_root, _args, { floor }) => {
  const { key, measure } = floor.agg!;
  const res = await pool.query<unknown[]>({
    text: statements[floor.ids[0]!]!,
    values: floor.p[0],
    rowMode: 'array',
  });
  return res.rows.map(([k, count, avg, min, max]) => ({
    keys: { [key]: k },
    count,
    avg: { [measure]: avg },
    min: { [measure]: min },
    max: { [measure]: max },
  }));
};

async function main() {
  const db = await prepareDatabase(loadConfig({ ...process.env, SEED_ON_START: 'false' }));
  const source = new SchemaSource(db.knex);
  await source.publishCurrent();
  const schema = source.current!;
  const fields = schema.getQueryType()!.getFields();
  for (const root of datasets) {
    fields[root]!.resolve = rows as GraphQLFieldResolver<unknown, unknown>;
    fields[`${root}Aggregate`]!.resolve = aggregate as GraphQLFieldResolver<unknown, unknown>;
  }
  await serveApolloFloor<Ctx>(schema, Number(process.env.PORT), async ({ req }) => ({
    floor: JSON.parse(decodeURIComponent(String(req.headers['x-floor']))) as FloorRequest,
  }));
}

void main();
