import { freshDatabase, PG_ADMIN, psql } from './lib/setup';
import { benchUpload, prepareUploadDataset } from './upload.bench';

/**
 * `npx tsx bench/upload-only.ts`: just the validated-upload benchmark of `npm run bench`
 * (same function, same sizes: best of 2 below 5M rows, 1 run at 5M), on a fresh database
 * that is dropped afterwards. Sizes from BENCH_UPLOAD_SIZES (default 1000000,5000000).
 * Prints one line per size; docs/BENCHMARKS.md is not touched.
 */
const SIZES = (process.env.BENCH_UPLOAD_SIZES ?? '1000000,5000000').split(',').map(Number);
const PORT = Number(process.env.BENCH_PORT ?? 3930);

async function main() {
  const name = `upl_${Date.now()}`;
  const { url, db } = await freshDatabase(name);
  const table = await prepareUploadDataset(db);
  await db.close();
  try {
    let week = 1;
    for (const rows of SIZES) {
      const periods = [
        `2020-W${String(week++).padStart(2, '0')}`,
        `2020-W${String(week++).padStart(2, '0')}`,
      ];
      await benchUpload(url, table, rows, rows >= 5_000_000 ? periods.slice(0, 1) : periods, PORT);
    }
  } finally {
    psql(PG_ADMIN, '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
