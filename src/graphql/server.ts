import { ApolloServer, type ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { Logger, Metrics } from '../observability';
import { metricsPlugin } from './metrics-plugin';
import type { GraphQLContext } from './context';
import { errorStatusPlugin, formatError } from './errors';
import { jitExecutor } from './jit-executor';
import { LIMITS } from './limits';
import { costLimitPlugin, operationResolutionPlugin, warningsPlugin } from './plugins';
import type { GraphQLResponseCache } from './response-cache';
import type { SchemaSource } from './schema-source';

type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];

/**
 * Apollo Server's documented hook for a schema that changes at runtime is the gateway
 * interface: `onSchemaLoadOrUpdate` hands it each new schema, and Apollo swaps it in
 * atomically (requests in flight finish on the schema they started with; the parsed-
 * document cache is rebuilt with it). Our "gateway" is no federation at all: it forwards
 * the schemas that SchemaSource builds, and its executor runs operations locally, compiled
 * by graphql-jit (Apollo's only hook for another executor since version 4).
 */
function catalogGateway(source: SchemaSource): Gateway {
  return {
    onSchemaLoadOrUpdate: (callback) => source.subscribe(callback),
    async load() {
      await source.publishCurrent();
      return { executor: jitExecutor() };
    },
    async stop() {},
  };
}

/**
 * Every setting that Apollo would otherwise derive from NODE_ENV is spelled out, so the
 * server behaves the same in development, test and production. Query timeouts are not
 * Apollo's job: on server PostgreSQL every pooled connection carries statement_timeout
 * (STATEMENT_TIMEOUT_MS, see src/db/database.ts), so each SQL statement a resolver runs is
 * cancelled past it and surfaces as query_timeout. Embedded PGlite has no such setting.
 */
export function createApolloServer(
  source: SchemaSource,
  options: { responseCache?: GraphQLResponseCache; logger?: Logger; metrics?: Metrics } = {},
): ApolloServer<GraphQLContext> {
  const { logger, metrics } = options;
  return new ApolloServer<GraphQLContext>({
    gateway: catalogGateway(source),
    ...(logger ? { logger } : {}),
    formatError: (formatted, error) =>
      formatError(
        formatted,
        error,
        logger ? (cause) => logger.error({ err: cause }, '[graphql] unexpected error') : undefined,
      ),
    // The document gate (document-gate.ts) has measured every document before Apollo
    // sees it; the token bound stays here as a second guard on parsing.
    parseOptions: { maxTokens: LIMITS.tokens },
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: false,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    // No cookies and no mutations: a cross-site request can read nothing it could not fetch
    // itself, so plain GET links (?query=…) work without a preflight header.
    csrfPrevention: false,
    stopOnTerminationSignals: false,
    nodeEnv: 'production',
    plugins: [
      // Caching is ours (the response cache keyed by data versions), not Apollo's cache hints.
      ApolloServerPluginCacheControlDisabled(),
      // GraphiQL is served from node_modules instead of Apollo's CDN-hosted sandbox.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      operationResolutionPlugin,
      costLimitPlugin,
      warningsPlugin,
      errorStatusPlugin,
      ...(metrics ? [metricsPlugin(metrics)] : []),
      ...(options.responseCache
        ? [options.responseCache.plugin(() => metrics?.cacheLookup('graphql_response', false))]
        : []),
    ],
  });
}
