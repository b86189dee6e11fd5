import type { RequestHandler } from 'express';
import type { Metrics } from '../../observability';
import { routeLabel } from '../route-label';

/**
 * Times every request to its end (or to the client going away) under its route template,
 * never its raw URL, so the series stay bounded. `aborted`: the client left before any answer.
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.request(req.method, routeLabel(req), res.headersSent ? res.statusCode : 'aborted', seconds);
    });
    next();
  };
}
