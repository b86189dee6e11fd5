import { freshDatabase } from './lib/setup';
import { benchUpload, prepareUploadDataset } from './upload.bench';
async function main() {
  const { url, db } = await freshDatabase(`bench_up_${Date.now()}`);
  const table = await prepareUploadDataset(db);
  await db.close();
  await benchUpload(url, table, Number(process.env.ROWS ?? 1000000), ['2020-W01'], 3960);
}
main().catch((e) => { console.error(e); process.exit(1); });
