import express, { type Express } from 'express';
import type { HttpDeps } from './deps';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { requestId } from './middleware/request-id';
import { withReadFloor } from '../db';
import { inFlight } from './middleware/in-flight';
import { calendarRouter } from './rest/calendar.router';
import { codeListsRouter } from './rest/codelists.router';
import { catalogRouter } from './rest/catalog.router';
import { datasetOpenApiRouter } from './rest/dataset-openapi.router';
import { dataRouter } from './rest/data.router';
import { adminRouter } from './rest/admin.router';
import { publishRouter } from './rest/publish.router';
import { anonymousOnly, authMiddleware } from './middleware/auth';
import { healthRouter } from './rest/health.router';
import { openapiRouter } from './rest/openapi.router';
import { docsRouter } from './rest/docs.router';
import { graphqlRouter } from '../graphql';
import { webPages } from './web/pages.router';
import { securityHeaders } from './security-headers';
import { requestLog } from './request-log';
import { createLogger, Metrics } from '../observability';
import { httpMetrics } from './middleware/metrics';
import { metricsRouter } from './rest/metrics.router';
import { apiRateLimit, authFailureLimit } from './middleware/rate-limits';
import { ckanRouter } from './ckan/router';
import { releaseFilesRouter } from './rest/release-files.router';
import { corsPolicy } from './middleware/cors';
import { requestsRouter } from './rest/requests.router';
import { feedbackRouter } from './rest/feedback.router';
import { interpretationsRouter } from './rest/interpretations.router';
import { requestPages } from './web/requests.pages';
import { feedbackPages } from './web/feedback.pages';
import { linkedDataRouter } from './linked-data/linked-data.router';
import { packagesRouter } from './packages/packages.router';
import { feedsRouter } from './feeds/feeds.router';

export function createApp(given: HttpDeps): Express {
  const logger = given.logger ?? createLogger(given.config.logLevel);
  const metrics = given.metrics ?? new Metrics(() => given.db.poolStats());
  const deps: HttpDeps = { ...given, logger, metrics };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.config.trustProxy);
  app.use(securityHeaders());
  // Each request's reads see at least the catalogue state it used. Only replicas can lag,
  // and the async context it needs costs every promise of every request, so it is there
  // only with replicas.
  if (deps.config.replicaUrls.length > 0) app.use((_req, _res, next) => withReadFloor(next));
  app.use(requestId);
  if (deps.watchdog) app.use(inFlight(deps.watchdog));
  app.use(requestLog(logger, deps.config.logRequests));
  app.use(httpMetrics(metrics));
  if (deps.config.metricsEnabled) app.use(metricsRouter(metrics));
  // Before the limits, so a browser app can read a 429 and its Retry-After.
  app.use(corsPolicy);
  // Probes, metrics, the contract and the pages' static files stay outside the limit:
  // monitoring must never be throttled, and a page view is metered once, by its page.
  const perClient = apiRateLimit(deps);
  app.use(
    [
      '/api/v1',
      '/graphql',
      '/api/3',
      '/api/action',
      '/datastore',
      '/datasets',
      '/agencies',
      '/calendar',
      '/catalog',
      '/catalog.jsonld',
      '/catalog.ttl',
      '/requests',
      '/feedback',
      '/files',
      '/feeds',
    ],
    perClient,
  );
  app.get('/', perClient);
  // GraphQL and the data API are the busiest paths, so they are matched before the rest.
  app.use('/graphql', graphqlRouter(deps));
  // The data routes read nothing of who asks; an anonymous read (nearly every one) skips the
  // other routers and the credential checks, and a request that carries credentials takes
  // the same router below, after they are checked (a malformed token is refused everywhere).
  const data = dataRouter(deps);
  app.use('/api/v1', anonymousOnly(data));
  app.use(healthRouter(deps));
  app.use(openapiRouter());
  app.use(docsRouter());
  // Before /api/v1's routers: `{id}.jsonld` would otherwise read as a dataset id.
  app.use(linkedDataRouter(deps));
  app.use(
    '/api/v1',
    authFailureLimit(deps),
    authMiddleware(deps),
    // Data first: its routes share no path with the catalog's, and they are the busiest.
    data,
    catalogRouter(deps),
    codeListsRouter(deps),
    datasetOpenApiRouter(deps),
    packagesRouter(deps),
    calendarRouter(deps),
    publishRouter(deps),
    adminRouter(deps),
    requestsRouter(deps),
    feedbackRouter(deps),
    interpretationsRouter(deps),
  );
  app.use(releaseFilesRouter(deps));
  // The CKAN Action API and DataStore dump share no path with the routes above.
  app.use(ckanRouter(deps));
  app.use('/feeds', feedsRouter(deps));
  app.use(requestPages(deps));
  app.use(feedbackPages(deps));
  app.use(webPages(deps));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
