import { Router } from 'express';
import type { Metrics } from '../../observability';

/** Prometheus scrapes this; it reads only process memory, never the database. */
export function metricsRouter(metrics: Metrics): Router {
  const r = Router();
  r.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.scrape();
    res.set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
  });
  return r;
}
