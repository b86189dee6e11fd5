import { filteredPath, load } from './query.bench';
import { startProcess } from './lib/server-proc';
import { rotatingRound, roundRow } from './lib/rounds';
import { fmt, median } from './lib/stats';

/**
 * `npx tsx bench/rest-cache.ts`: the filtered REST query of the query benchmark with the
 * response cache off and on, in rotating rounds (BENCH_ROUNDS, default 3; BENCH_SECONDS,
 * default 5; 20 connections), on a database that already holds the seeded agri-prices
 * (REST_CACHE_DB, default bench_plans, as bench/plan-cache.ts leaves it).
 */
const DB = process.env.REST_CACHE_DB ?? 'bench_plans';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const url = `postgres://postgres@127.0.0.1:5432/${DB}`;

async function run(cache: boolean, port: number) {
  const server = await startProcess(
    'src/main.ts',
    { DATABASE_URL: url, REST_RESPONSE_CACHE: String(cache) },
    port,
  );
  try {
    const target = server.url + filteredPath('agri-prices');
    await load(target, 2);
    return await load(target, SECONDS);
  } finally {
    await server.stop();
  }
}

async function main() {
  const ratios: number[] = [];
  console.log('| round | server | req/s | p50 (ms) | p99 (ms) | errors / non-2xx | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (let round = 0; round < ROUNDS; round++) {
    const { results } = await rotatingRound(
      { off: () => run(false, 3951), on: () => run(true, 3952) },
      round,
    );
    const ratio = results.on.reqPerSec / results.off.reqPerSec;
    ratios.push(ratio);
    console.log(roundRow(round + 1, 'cache off', results.off, '1.00'));
    console.log(roundRow(round + 1, 'cache on', results.on, fmt(ratio)));
  }
  console.log(`median ratio, cache on / off: ${fmt(median(ratios))}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
