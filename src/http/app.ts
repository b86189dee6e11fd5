import express, { type Express } from 'express';
import type { HttpDeps } from './deps';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { requestId } from './middleware/request-id';
import { inFlight } from './middleware/in-flight';
import { calendarRouter } from './rest/calendar.router';
import { catalogRouter } from './rest/catalog.router';
import { dataRouter } from './rest/data.router';
import { adminRouter } from './rest/admin.router';
import { publishRouter } from './rest/publish.router';
import { authMiddleware } from './middleware/auth';
import { healthRouter } from './rest/health.router';
import { openapiRouter } from './rest/openapi.router';
import { graphqlRouter } from '../graphql';
import { webPages } from './web/pages.router';
import { ckanRouter } from './ckan/router';
import { corsPolicy } from './middleware/cors';
import { requestsRouter } from './rest/requests.router';
import { feedbackRouter } from './rest/feedback.router';
import { interpretationsRouter } from './rest/interpretations.router';
import { requestPages } from './web/requests.pages';
import { feedbackPages } from './web/feedback.pages';

export function createApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Behind a reverse proxy, req.ip (rate limits, audit entries) must be the client's address.
  if (deps.config.trustProxy !== undefined) app.set('trust proxy', deps.config.trustProxy);
  app.use(requestId);
  if (deps.watchdog) app.use(inFlight(deps.watchdog));
  if (deps.config.logRequests) {
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms`);
      });
      next();
    });
  }
  app.use(corsPolicy);
  // GraphQL and the data API are the busiest paths, so they are matched before the rest.
  app.use('/graphql', graphqlRouter(deps));
  app.use(healthRouter(deps));
  app.use(openapiRouter());
  app.use(
    '/api/v1',
    authMiddleware(deps),
    // Data first: its routes share no path with the catalog's, and they are the busiest.
    dataRouter(deps),
    catalogRouter(deps),
    calendarRouter(deps),
    publishRouter(deps),
    adminRouter(deps),
    requestsRouter(deps),
    feedbackRouter(deps),
    interpretationsRouter(deps),
  );
  // The CKAN Action API and DataStore dump share no path with the routes above.
  app.use(ckanRouter(deps));
  app.use(requestPages(deps));
  app.use(feedbackPages(deps));
  app.use(webPages(deps));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
