import autocannon from 'autocannon';
import { startProcess } from './lib/server-proc';
import { loadResultOf, rotatingRound, type LoadResult } from './lib/rounds';
import { fmt, median } from './lib/stats';

export type { LoadResult };

export async function load(url: string, seconds: number, connections = 20): Promise<LoadResult> {
  const r = await autocannon({ url, connections, duration: seconds });
  return loadResultOf(r);
}

const FILTER = { city: '140100', product: '猪肉', from: '2023-W01', to: '2023-W52' };

/**
 * The benchmark's SELECT as a bare handler runs it, FILTER's values as $1..$4; `camelCase`
 * names the price columns as GraphQL does (avgPrice…).
 */
export function benchmarkSelect(table: string, camelCase = false): string {
  const price = (col: string, name: string) => (camelCase ? `${col} AS "${name}"` : col);
  return (
    `SELECT period, city, market, product, category, ${price('avg_price', 'avgPrice')}, ` +
    `${price('min_price', 'minPrice')}, ${price('max_price', 'maxPrice')} FROM datastore.${table} ` +
    `WHERE city = $1 AND product = $2 AND period >= $3 AND period <= $4 ORDER BY period LIMIT 100`
  );
}

/** FILTER's values in the order of benchmarkSelect's parameters. */
export const FILTER_PARAMS = JSON.stringify([FILTER.city, FILTER.product, FILTER.from, FILTER.to]);

export function filteredPath(datasetId: string): string {
  const q = new URLSearchParams({
    city: FILTER.city,
    product: FILTER.product,
    'period[gte]': FILTER.from,
    'period[lte]': FILTER.to,
    limit: '100',
  });
  return `/api/v1/datasets/${datasetId}/rows?${q.toString()}`;
}

async function measureOurs(dbUrl: string, datasetId: string, port: number, seconds: number) {
  const ours = await startProcess('src/main.ts', { DATABASE_URL: dbUrl, DB_POOL_MAX: '20' }, port);
  try {
    const url = ours.url + filteredPath(datasetId);
    const probe = (await (await fetch(url)).json()) as { data: unknown[] };
    if (probe.data.length !== 100) console.warn(`expected a full page of 100 rows, got ${probe.data.length}`);
    await load(url, 2);
    return await load(url, seconds);
  } finally {
    await ours.stop();
  }
}

async function measureBaseline(dbUrl: string, sql: string, port: number, seconds: number) {
  const base = await startProcess(
    'bench/baseline-server.ts',
    {
      DATABASE_URL: dbUrl,
      BASELINE_SQL: sql,
      BASELINE_PARAMS: FILTER_PARAMS,
    },
    port,
  );
  try {
    await load(`${base.url}/rows`, 2);
    return await load(`${base.url}/rows`, seconds);
  } finally {
    await base.stop();
  }
}

export interface QueryRound {
  our: LoadResult;
  baseline: LoadResult;
  ratio: number;
}

/**
 * Same machine, same run: our /rows against a bare express + pg handler running the
 * equivalent SELECT, each with 20 connections for `seconds`, after a warm-up. Measured in
 * rounds that alternate which server goes first; the ratio is the median over rounds.
 */
export async function benchFilteredQuery(
  dbUrl: string,
  datasetId: string,
  table: string,
  port: number,
  seconds: number,
  rounds: number,
) {
  const sql = benchmarkSelect(table);
  const all: QueryRound[] = [];
  for (let i = 0; i < rounds; i++) {
    const { results } = await rotatingRound(
      {
        our: () => measureOurs(dbUrl, datasetId, port, seconds),
        baseline: () => measureBaseline(dbUrl, sql, port + 1, seconds),
      },
      i,
    );
    const { our, baseline } = results;
    const round = { our, baseline, ratio: our.reqPerSec / baseline.reqPerSec };
    all.push(round);
    console.log(
      `filtered query round ${i + 1}/${rounds}: ours ${fmt(our.reqPerSec, 0)} req/s (p99 ${our.p99} ms), baseline ${fmt(baseline.reqPerSec, 0)} req/s (p99 ${baseline.p99} ms), ratio ${fmt(round.ratio)}`,
    );
  }
  return { rounds: all, ratio: median(all.map((r) => r.ratio)), sql };
}
