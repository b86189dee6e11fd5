import { loadConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/db';
import { freshDatabase, loadWeekly, PG_ADMIN, psql } from './setup';
import type { Shape } from './synthetic';

/** 500 weeks × 10 cities × 20 markets × 20 products: 2,000,000 rows. */
export const SCALED_SHAPE: Shape = { weeks: 500, markets: 20, products: 20 };
export const SCALED_ID = 'bench-prices';

/**
 * A database with the sample seeds plus a 2M-row weekly price dataset loaded through the
 * real ingest path. Kept between runs (it takes a few minutes to load): an existing
 * database of that name that already holds the dataset is reused as it is.
 */
export async function scaledPricesDatabase(name: string): Promise<{ url: string; db: Database }> {
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const exists = psql(PG_ADMIN, '-c', `SELECT 1 FROM pg_database WHERE datname = '${name}'`).trim() === '1';
  if (exists) {
    const db = await openDatabase(loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '4' }));
    const found = await db.knex('datasets').where({ id: SCALED_ID }).first('id');
    if (found) return { url, db };
    await db.close();
  }
  const { db } = await freshDatabase(name);
  await loadWeekly(db, SCALED_ID, SCALED_SHAPE);
  await db.knex.raw('CHECKPOINT');
  return { url, db };
}
