import type { Request } from 'express';

/**
 * The route template that answered, e.g. `/api/v1/datasets/:datasetId/rows`, for logs and
 * metrics: one label per route however many datasets, periods or query strings clients
 * send. express keeps the matched route's own path in `req.route` but restores `baseUrl`
 * when a router hands on an error, so the mount is taken from the URL's leading segments
 * (mounts are static: /api/v1, /graphql), lowercased as express matches them. A request
 * no route took is `unmatched`.
 */
export function routeLabel(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  const own = route.path.split('/').filter(Boolean);
  const segments = (req.originalUrl.split('?')[0] ?? '').split('/').filter(Boolean);
  const mount = segments.slice(0, Math.max(0, segments.length - own.length)).map((s) => s.toLowerCase());
  return '/' + [...mount, ...own].join('/');
}
