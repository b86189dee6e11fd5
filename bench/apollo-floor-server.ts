import { buildSchema } from 'graphql';
import pg from 'pg';
import { serveApolloFloor } from './lib/apollo-floor';

/**
 * The floor for the GraphQL benchmark: what @apollo/server itself costs on this machine.
 * The same express integration, executor (graphql-jit) and disabled plugins as our server,
 * but a fixed hand-written schema whose one resolver runs the benchmark's SELECT with its
 * values inlined by the caller: no catalog, no filters, no plans, no validation of values.
 * Our server can only approach this; the distance between them is our own code.
 */
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const sql = process.env.BASELINE_SQL!;
const params = JSON.parse(process.env.BASELINE_PARAMS ?? '[]') as unknown[];

const schema = buildSchema(`
  type Row { period: String city: String market: String product: String category: String
             avgPrice: Float minPrice: Float maxPrice: Float }
  type RowConnection { nodes: [Row!]! }
  type Query { rows(first: Int!): RowConnection! }
`);
schema.getQueryType()!.getFields().rows!.resolve = async () => {
  const { rows } = await pool.query({ text: sql, values: params, name: 'floor' });
  return { nodes: rows };
};

void serveApolloFloor(schema, Number(process.env.PORT));
