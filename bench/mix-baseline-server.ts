import express from 'express';
import pg from 'pg';

/**
 * The workload mix's bare peer: express + a pg pool of the same size as ours, running the
 * hand-written SQL of each shape. The statements are fixed at start (MIX_SQL, a JSON list);
 * a request names which to run and their parameters: `GET /q/3,4?p=[[…],[…]]`. Several
 * statements (a page and its total) run concurrently, as a handler written for speed would.
 * No validation, no metadata: the rows as JSON.
 */
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.MIX_POOL ?? 20),
});
const statements = JSON.parse(process.env.MIX_SQL ?? '[]') as string[];
const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/q/:ids', async (req, res) => {
  const ids = req.params.ids.split(',').map(Number);
  const params = JSON.parse(String(req.query.p)) as unknown[][];
  const results = await Promise.all(ids.map((id, i) => pool.query(statements[id]!, params[i])));
  const [page, total] = results;
  res.json(total ? { data: page!.rows, total: Number(total.rows[0].total) } : { data: page!.rows });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
