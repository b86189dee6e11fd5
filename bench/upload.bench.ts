import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Database } from '../src/db';
import { registerSchemaVersion } from '../src/ingest';
import { createBenchDataset, psql } from './lib/setup';
import { startProcess } from './lib/server-proc';
import { fmt, timeIt } from './lib/stats';
import { PRICE_SCHEMA } from './lib/synthetic';

const ADMIN = 'bench-admin-token';

/** One week of `rows` distinct rows, without the period column (the release fills it in). */
function writeFiles(rows: number, uploadPath: string, baselinePath: string): void {
  const up = fs.openSync(uploadPath, 'w');
  const base = fs.openSync(baselinePath, 'w');
  fs.writeSync(up, 'city,market,product,category,avg_price,min_price,max_price\n');
  const cats = ['畜禽产品', '蔬菜', '水果', '粮油'];
  let n = 0;
  for (let m = 0; n < rows; m++) {
    const a: string[] = [];
    const b: string[] = [];
    for (let k = 0; k < 100 && n < rows; k++, n++) {
      const city = `14${String((m % 10) + 1).padStart(2, '0')}00`;
      const p = 5 + ((m * 7 + k) % 50);
      const rest = `${city},市场${m},品种${k},${cats[k % 4]},${p}.25,${p}.00,${p}.75`;
      a.push(rest);
      b.push(`1,${n + 1},2017-W01,${rest}`);
    }
    fs.writeSync(up, a.join('\n') + '\n');
    fs.writeSync(base, b.join('\n') + '\n');
  }
  fs.closeSync(up);
  fs.closeSync(base);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

export async function prepareUploadDataset(db: Database, id = 'bench-upload'): Promise<string> {
  await createBenchDataset(db, id, { zh: '上传基准', en: 'Upload benchmark' });
  const reg = await registerSchemaVersion(db, id, PRICE_SCHEMA, {
    allowMajor: false,
    createdBy: 'bench',
  });
  return reg.version.storageTable;
}

export interface UploadResult {
  rows: number;
  ourMs: number;
  psqlMs: number;
  ratio: number;
  peakRssMb: number;
  status: string;
}

/**
 * A validated upload over HTTP (curl streaming the file) against `psql \copy … from`
 * of the same rows into an empty table with the same columns and indexes.
 */
export async function benchUpload(
  dbUrl: string,
  table: string,
  rows: number,
  periods: string[],
  port: number,
  datasetId = 'bench-upload',
) {
  const upload = `/tmp/opendata-bench-upload-${rows}.csv`;
  const baseline = `/tmp/opendata-bench-baseline-${rows}.csv`;
  writeFiles(rows, upload, baseline);
  const server = await startProcess('src/main.ts', { DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN }, port);
  let ourMs = Infinity;
  let psqlMs = Infinity;
  let status = '';
  try {
    for (const period of periods) {
      const ours = await timeIt(() =>
        run('curl', [
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '-H',
          `Authorization: Bearer ${ADMIN}`,
          '-H',
          'Content-Type: text/csv',
          '--data-binary',
          `@${upload}`,
          `${server.url}/api/v1/datasets/${datasetId}/releases?period=${period}`,
        ]),
      );
      status = ours.value;
      ourMs = Math.min(ourMs, ours.ms);
      psql(dbUrl, '-c', `DROP TABLE IF EXISTS datastore.bench_baseline`);
      psql(dbUrl, '-c', `CREATE TABLE datastore.bench_baseline (LIKE datastore.${table} INCLUDING ALL)`);
      const base = await timeIt(() =>
        run('psql', [dbUrl, '-qc', `\\copy datastore.bench_baseline FROM '${baseline}' WITH (FORMAT csv)`]),
      );
      psqlMs = Math.min(psqlMs, base.ms);
    }
    const result: UploadResult = {
      rows,
      ourMs,
      psqlMs,
      ratio: psqlMs / ourMs,
      peakRssMb: server.peakRssMb(),
      status,
    };
    console.log(
      `upload ${rows} rows: HTTP ${status} in ${fmt(ourMs, 0)} ms, psql \\copy from ${fmt(psqlMs, 0)} ms, ratio ${fmt(result.ratio)}, peak RSS ${fmt(result.peakRssMb, 0)} MB`,
    );
    return result;
  } finally {
    await server.stop();
    psql(dbUrl, '-c', `DROP TABLE IF EXISTS datastore.bench_baseline`);
    fs.rmSync(upload, { force: true });
    fs.rmSync(baseline, { force: true });
  }
}
