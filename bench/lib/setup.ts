import { execFileSync } from 'node:child_process';
import { createDataset, upsertAgency } from '../../src/catalog';
import { loadConfig } from '../../src/config';
import { migrateToLatest, openDatabase, type Database } from '../../src/db';
import { publishRelease, registerSchemaVersion } from '../../src/ingest';
import { seedIfEmpty } from '../../src/bootstrap';
import { PRICE_SCHEMA, weeklyReleases, type Shape } from './synthetic';

export const PG_ADMIN = process.env.BENCH_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function psql(url: string, ...args: string[]): string {
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
}

/** A fresh database on the local server, migrated and seeded through the normal start-up path. */
export async function freshDatabase(name: string): Promise<{ url: string; db: Database }> {
  psql(PG_ADMIN, '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, '-c', `CREATE DATABASE "${name}"`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase(loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '4' }));
  await migrateToLatest(db.knex);
  await seedIfEmpty(db);
  return { url, db };
}

/** One weekly price dataset for a benchmark, owned by a benchmark agency. */
export async function createBenchDataset(
  db: Database,
  id: string,
  title: { zh: string; en: string },
): Promise<void> {
  await upsertAgency(db.knex, {
    id: 'bench-agency',
    name: { zh: '基准测试厅', en: 'Benchmark Dept' },
    homepage: null,
  });
  await createDataset(db.knex, {
    id,
    title,
    description: { zh: '基准测试用合成数据', en: 'Synthetic benchmark data' },
    agencies: ['bench-agency'],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '三(五)',
    cadence: 'weekly',
    dueRule: { offset: 'P2D', time: '09:30' },
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
    isSample: true,
  });
}

/**
 * Loads a synthetic weekly dataset through the real ingest path; returns its storage table.
 * Every release is public from the same instant unless `publishAt` spreads them out (the
 * workload mix needs release eras to read `asOf`).
 */
export async function loadWeekly(
  db: Database,
  id: string,
  shape: Shape,
  publishAt: (week: number) => Date = () => new Date('2026-01-01T00:00:00Z'),
): Promise<string> {
  await createBenchDataset(db, id, { zh: `基准价格 ${id}`, en: `Benchmark prices ${id}` });
  const reg = await registerSchemaVersion(db, id, PRICE_SCHEMA, { allowMajor: false, createdBy: 'bench' });
  let week = 0;
  for (const rel of weeklyReleases(shape)) {
    await publishRelease(db, {
      datasetId: id,
      period: rel.period,
      records: rel.rows.map((cells, i) => ({ line: i + 2, cells })),
      createdBy: 'bench',
      publishAt: publishAt(week++),
    });
  }
  await db.knex.raw('VACUUM ANALYZE');
  return reg.version.storageTable;
}
