import express from 'express';
import pg from 'pg';

/**
 * The ceiling for the filtered-query benchmark: express + a pg pool running one fixed,
 * parameterised SELECT and sending the rows as JSON. No validation, no metadata.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const sql = process.env.BASELINE_SQL!;
const params = JSON.parse(process.env.BASELINE_PARAMS ?? '[]') as unknown[];
const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/rows', async (_req, res) => {
  const { rows } = await pool.query(sql, params);
  res.json({ data: rows });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
