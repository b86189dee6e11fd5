import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema } from 'graphql';
import pg from 'pg';
import { jitExecutor } from '../src/graphql/jit-executor';

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

async function main() {
  const apollo = new ApolloServer({
    gateway: {
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({ executor: jitExecutor() }),
      stop: async () => undefined,
    },
    nodeEnv: 'production',
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
