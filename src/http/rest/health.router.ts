import { Router } from 'express';
import type { HttpDeps } from '../deps';

export function healthRouter(deps: HttpDeps): Router {
  const r = Router();
  // Liveness: the process is up. It never touches the database, so a slow DB can't get us killed.
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness: we can serve queries, i.e. the database answers and migrations have run.
  r.get('/readyz', async (_req, res) => {
    try {
      const row = await deps.db.knex('knex_migrations').count<{ count: number }[]>('* as count').first();
      res.json({ status: 'ready', database: deps.db.dialect, migrations: Number(row?.count ?? 0) });
    } catch {
      res.status(503).json({ status: 'unavailable', database: deps.db.dialect });
    }
  });
  return r;
}
