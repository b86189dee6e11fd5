import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { startProcess } from './lib/server-proc';
import { fmt, timeIt } from './lib/stats';

const COLUMNS = 'period, city, market, product, category, avg_price, min_price, max_price';

// Both sides write to a file with a native client, so neither pays for a JS consumer.
function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

const OUT = '/tmp/opendata-bench-export.out';

async function countBytes(url: string): Promise<number> {
  await run('curl', ['-sf', '-o', OUT, url]);
  return fs.statSync(OUT).size;
}

async function psqlCopyBytes(dbUrl: string, table: string): Promise<number> {
  const sql = `\\copy (SELECT ${COLUMNS} FROM datastore.${table} ORDER BY period, _release_id, _row) to '${OUT}' with csv`;
  await run('psql', [dbUrl, '-qAt', '-c', sql]);
  return fs.statSync(OUT).size;
}

export interface ExportResult {
  rows: number;
  ourMs: number;
  psqlMs: number;
  bytes: number;
  psqlBytes: number;
  ratio: number;
  peakRssMb: number;
}

/** Best of three for each side, alternating, on a fresh server process per dataset size. */
export async function benchExport(
  dbUrl: string,
  datasetId: string,
  table: string,
  rows: number,
  port: number,
) {
  const server = await startProcess('src/main.ts', { DATABASE_URL: dbUrl }, port);
  try {
    const url = `${server.url}/api/v1/datasets/${datasetId}/export.csv`;
    let ourMs = Infinity;
    let psqlMs = Infinity;
    let bytes = 0;
    let psqlBytes = 0;
    for (let i = 0; i < 3; i++) {
      const ours = await timeIt(() => countBytes(url));
      ourMs = Math.min(ourMs, ours.ms);
      bytes = ours.value;
      const base = await timeIt(() => psqlCopyBytes(dbUrl, table));
      psqlMs = Math.min(psqlMs, base.ms);
      psqlBytes = base.value;
    }
    const result: ExportResult = {
      rows,
      ourMs,
      psqlMs,
      bytes,
      psqlBytes,
      ratio: psqlMs / ourMs,
      peakRssMb: server.peakRssMb(),
    };
    console.log(
      `export ${rows} rows: ours ${fmt(ourMs, 0)} ms, psql \\copy ${fmt(psqlMs, 0)} ms, ratio ${fmt(result.ratio)}, peak RSS ${fmt(result.peakRssMb, 0)} MB`,
    );
    return result;
  } finally {
    await server.stop();
  }
}
