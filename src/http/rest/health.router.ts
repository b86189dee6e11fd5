import { Router, type Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../db';
import type { HttpDeps } from '../deps';

export function healthRouter(deps: HttpDeps): Router {
  const r = Router();
  // A process that has just stalled answers neither probe as healthy for a while, so a
  // load balancer moves traffic away (while it stalls it answers nothing at all).
  const stalled = (res: Response): boolean => {
    const loop = deps.watchdog?.health();
    if (!loop || loop.ready) return false;
    res.status(503).set('Retry-After', '10').json({ status: 'stalled', eventLoop: loop.lastStall });
    return true;
  };
  // Liveness: the process is up. It never touches the database, so a slow DB can't get us killed.
  r.get('/healthz', (_req, res) => {
    if (stalled(res)) return;
    res.json({ status: 'ok' });
  });
  // Readiness: we can serve queries, i.e. the database answers and migrations have run.
  r.get('/readyz', async (_req, res) => {
    if (stalled(res)) return;
    // Shutting down: requests in flight finish, but new work belongs to another instance.
    if (deps.draining?.()) {
      res.status(503).json({ status: 'draining', database: deps.db.dialect });
      return;
    }
    try {
      const row = await deps.db.knex('knex_migrations').count<{ count: number }[]>('* as count').first();
      res.json({ status: 'ready', database: deps.db.dialect, migrations: Number(row?.count ?? 0) });
    } catch {
      res
        .status(503)
        .set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
        .json({ status: 'unavailable', database: deps.db.dialect });
    }
  });
  return r;
}
