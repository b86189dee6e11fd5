import { ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { jitExecutor } from '../../src/graphql/jit-executor';

/**
 * Serves `schema` the way our server runs Apollo, with nothing of ours around it: the same
 * express integration, the gateway hook and the graphql-jit executor, Apollo's caching and
 * landing page off. What the floor servers measure is then Apollo's own cost.
 */
export async function serveApolloFloor<C extends BaseContext>(
  schema: GraphQLSchema,
  port: number,
  context?: ContextFunction<[ExpressContextFunctionArgument], C>,
): Promise<void> {
  const apollo = new ApolloServer<C>({
    gateway: {
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({ executor: jitExecutor() as never }),
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
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    context ? expressMiddleware(apollo, { context }) : expressMiddleware(apollo as never),
  );
  app.listen(port, '127.0.0.1');
}
