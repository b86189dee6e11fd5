import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { createTinyLoadDataset, LOAD_ROUTES, type LoadRoute } from './lib/load-mix';
import { freshDatabase, psql, PG_ADMIN } from './lib/setup';
import { updateReport } from './lib/report';
import { startProcess, type ServerProc } from './lib/server-proc';
import { fmt, median } from './lib/stats';

/**
 * `npm run load`: a mixed workload for LOAD_SECONDS (60) at LOAD_CONNECTIONS (50) against a
 * PostgreSQL server, once with one API process and once with WORKERS=2: catalog browsing,
 * row queries, aggregates, GraphQL, small and large exports, CKAN calls, and an upload every
 * few seconds. Each route is its own autocannon instance with its share of the connections,
 * so p50/p99 are per route. Resident memory of every API process is sampled each second;
 * the run fails when any answer is an error or a 5xx, or memory grows by 10% or more over
 * the second half. Results replace the "Load" section of docs/BENCHMARKS.md.
 */
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const WORKER_COUNTS = (process.env.LOAD_WORKERS ?? '1,2').split(',').map(Number);
const UPLOAD_EVERY_MS = Number(process.env.LOAD_UPLOAD_EVERY_MS ?? 3000);
const PORT = 3980;
const ADMIN = 'load-admin-token';
const REPORT = path.resolve(__dirname, '../docs/BENCHMARKS.md');

interface RouteResult {
  route: LoadRoute;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface RunResult {
  workers: number;
  routes: RouteResult[];
  uploads: { sent: number; created: number; failed: string[] };
  rss: number[];
  growth: number;
}

/** Resident memory (MB) of a process and all its descendants: the primary and its workers. */
function treeRssMb(pid: number): number {
  const children = (() => {
    try {
      return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  })();
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    /* gone */
  }
  return kb / 1024 + children.reduce((s, c) => s + treeRssMb(c), 0);
}

function runRoute(base: string, route: LoadRoute, connections: number): Promise<RouteResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base + route.path,
        method: route.method ?? 'GET',
        headers: route.headers,
        body: route.body,
        connections,
        duration: SECONDS,
        timeout: 30,
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          route,
          requests: r.requests.total,
          reqPerSec: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
      },
    );
  });
}

/** One upload of a small CSV every few seconds, each for a new period, as an agency would. */
async function uploadLoop(base: string, datasetId: string, until: number, firstMonth: number) {
  const out = { sent: 0, created: 0, failed: [] as string[] };
  for (let month = firstMonth; Date.now() < until; month++) {
    const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const rows = Array.from({ length: 500 }, (_, i) => `${period},城市${i},${(i % 97) + 0.5}`);
    out.sent++;
    const res = await fetch(`${base}/api/v1/datasets/${datasetId}/releases?period=${period}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
      body: `period,city,value\n${rows.join('\n')}\n`,
    });
    if (res.status === 201) out.created++;
    else out.failed.push(`${period}: ${res.status} ${(await res.text()).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, UPLOAD_EVERY_MS));
  }
  return out;
}

/** Each run uploads its own periods (a run lasts far less than 100 uploads): 2000-01 on, then 2010-01 on. */
const MONTHS_PER_RUN = 120;

async function loadRun(url: string, workers: number, uploadDataset: string, run: number): Promise<RunResult> {
  const server: ServerProc = await startProcess(
    'src/main.ts',
    { DATABASE_URL: url, ADMIN_TOKEN: ADMIN, WORKERS: String(workers), REST_RESPONSE_CACHE: 'true' },
    PORT,
  );
  try {
    // Warm-up: every route once, so the first second does not measure start-up.
    for (const r of LOAD_ROUTES)
      await fetch(server.url + r.path, { method: r.method, headers: r.headers, body: r.body });
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(treeRssMb(server.pid)), 1000);
    const until = Date.now() + SECONDS * 1000;
    const weights = LOAD_ROUTES.reduce((s, r) => s + r.share, 0);
    const [routes, uploads] = await Promise.all([
      Promise.all(
        LOAD_ROUTES.map((r) =>
          runRoute(server.url, r, Math.max(1, Math.round((CONNECTIONS * r.share) / weights))),
        ),
      ),
      uploadLoop(server.url, uploadDataset, until, run * MONTHS_PER_RUN),
    ]);
    clearInterval(sampler);
    const half = rss.slice(Math.floor(rss.length / 2));
    const head = median(half.slice(0, 5));
    const tail = median(half.slice(-5));
    return { workers, routes, uploads, rss, growth: tail / head - 1 };
  } finally {
    await server.stop();
  }
}

function section(runs: RunResult[], measured: string): string {
  const total = (r: RunResult) => r.routes.reduce((s, x) => s + x.reqPerSec, 0);
  const one = runs.find((r) => r.workers === 1);
  const tables = runs.map((run) => {
    const rows = run.routes.map(
      (x) =>
        `| ${x.route.name} | \`${x.route.method ?? 'GET'} ${x.route.path.slice(0, 80)}\` | ${fmt(x.reqPerSec, 0)} | ${x.p50} | ${x.p99} | ${x.errors} / ${x.non2xx} |`,
    );
    return `#### ${run.workers} API process${run.workers > 1 ? 'es' : ''} (WORKERS=${run.workers})

Total: **${fmt(total(run), 0)} req/s**${one && run !== one ? `, **${fmt(total(run) / total(one))}×** one process` : ''}.
Uploads: ${run.uploads.created} of ${run.uploads.sent} stored (201)${run.uploads.failed.length ? `; failed: ${run.uploads.failed.slice(0, 3).join('; ')}` : ''}.
Resident memory (all API processes): ${fmt(run.rss[0] ?? NaN, 0)} MB at the start, ${fmt(run.rss[Math.floor(run.rss.length / 2)] ?? NaN, 0)} MB at half time, ${fmt(run.rss.at(-1) ?? NaN, 0)} MB at the end; growth over the second half **${fmt(run.growth * 100, 1)}%** (target < 10%).

| route | request | req/s | p50 (ms) | p99 (ms) | errors / non-2xx |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
  });
  return `### Load: mixed workload, ${SECONDS} s at ${CONNECTIONS} connections (\`npm run load\`)

${measured}

One autocannon instance per route, each with its share of the ${CONNECTIONS} connections, all at
once, plus one 500-row CSV upload every ${UPLOAD_EVERY_MS / 1000} s; the server runs on PostgreSQL with its
response caches on (as in production). The two runs share the machine's 2 cores with the load
generator and PostgreSQL, so the process ratio is what a second core is worth here, not on an
idle server.

${tables.join('\n')}`;
}

async function main() {
  const name = `load_${Date.now()}`;
  const { url, db } = await freshDatabase(name);
  const uploadDataset = await createTinyLoadDataset(db);
  await db.close();
  const runs: RunResult[] = [];
  try {
    for (const [run, workers] of WORKER_COUNTS.entries()) {
      console.log(`load: ${workers} process(es), ${SECONDS} s at ${CONNECTIONS} connections`);
      runs.push(await loadRun(url, workers, uploadDataset, run));
    }
  } finally {
    psql(PG_ADMIN, '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const measured = `Measured ${new Date().toISOString().slice(0, 10)} on this machine (${process.version}).`;
  updateReport(REPORT, [{ key: '### Load: mixed workload', markdown: section(runs, measured) }]);
  const failures = runs.flatMap((r) => [
    ...r.routes
      .filter((x) => x.errors + x.non2xx > 0)
      .map((x) => `${r.workers}p ${x.route.name}: ${x.errors} errors, ${x.non2xx} non-2xx`),
    ...(r.uploads.failed.length ? [`${r.workers}p uploads: ${r.uploads.failed.length} failed`] : []),
    ...(r.growth >= 0.1 ? [`${r.workers}p memory grew ${fmt(r.growth * 100, 1)}% over the second half`] : []),
  ]);
  for (const r of runs)
    console.log(
      `${r.workers} process(es): ${fmt(
        r.routes.reduce((s, x) => s + x.reqPerSec, 0),
        0,
      )} req/s`,
    );
  if (failures.length) {
    console.error(`load: FAILED\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

void main();
