import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { PRICE_SCHEMA } from './lib/synthetic';
import { freshDatabase, PG_ADMIN, psql } from './lib/setup';
import { fmt, median } from './lib/stats';
import { benchUpload, prepareUploadDataset, type UploadResult } from './upload.bench';
import { roleIndexes } from '../src/storage';

/**
 * `npx tsx bench/index-cost.ts`: what the measure indexes of the index rule cost an
 * upload. Each round uploads 1M rows (the upload benchmark's file and method: HTTP against
 * `psql \copy … from` into an empty table with the same indexes) into a fresh dataset
 * with every index of the rule, and into one whose measure indexes were dropped; rounds
 * rotate which goes first. The database is fresh and dropped afterwards.
 */
const ROUNDS = Number(process.env.INDEX_COST_ROUNDS ?? 2);
const ROWS = Number(process.env.INDEX_COST_ROWS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3942);
const MEASURES = ['avg_price', 'min_price', 'max_price'];

async function main() {
  const name = `idx_${Date.now()}`;
  const { url, db } = await freshDatabase(name);
  await db.close();
  const results: Record<string, UploadResult[]> = {
    'every index of the rule': [],
    'without measure indexes': [],
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const configs = Object.keys(results);
      if (round % 2) configs.reverse();
      for (const config of configs) {
        const id = `bench-upload-${round}-${config === 'without measure indexes' ? 'lean' : 'full'}`;
        const db2 = await openDatabase(loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '2' }));
        const table = await prepareUploadDataset(db2, id);
        if (config === 'without measure indexes') {
          for (const ix of roleIndexes(table, PRICE_SCHEMA as never, PRICE_SCHEMA.fields as never)) {
            if (MEASURES.includes(ix.columns[0]!)) await db2.knex.raw(`DROP INDEX datastore.??`, [ix.name]);
          }
        }
        const indexes = await db2.knex.raw(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = ?`, [
          table,
        ]);
        await db2.close();
        console.log(`round ${round + 1}, ${config}: ${indexes.rows[0].n} indexes`);
        results[config]!.push(await benchUpload(url, table, ROWS, ['2020-W01'], PORT, id));
      }
    }
  } finally {
    psql(PG_ADMIN, '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  console.log('\n| indexes | ours (ms), median | psql \\copy from (ms), median | ratio, median |');
  console.log('| --- | --- | --- | --- |');
  for (const [config, rs] of Object.entries(results)) {
    console.log(
      `| ${config} | ${fmt(median(rs.map((r) => r.ourMs)), 0)} | ${fmt(median(rs.map((r) => r.psqlMs)), 0)} | ${fmt(median(rs.map((r) => r.ratio)))} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
