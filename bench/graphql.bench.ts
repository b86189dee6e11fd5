import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startProcess } from './lib/server-proc';
import { loadResultOf, rotatingRound, type LoadResult } from './lib/rounds';
import { fmt, median } from './lib/stats';
import { benchmarkSelect, FILTER_PARAMS } from './query.bench';

// PostGraphile is a benchmark peer only: installed into a scratch folder at bench time,
// never a dependency of the project. It declares Node 22; on Node 20 it only lacks
// Promise.withResolvers, which the preload below supplies.
const PEER_DIR = path.resolve(__dirname, '../.bench/postgraphile');

export function installPeer(): void {
  writePeerConfig();
  if (fs.existsSync(path.join(PEER_DIR, 'node_modules/.bin/postgraphile'))) return;
  fs.writeFileSync(
    path.join(PEER_DIR, 'package.json'),
    JSON.stringify({ name: 'postgraphile-peer', private: true }),
  );
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', 'postgraphile@5', 'postgraphile-plugin-connection-filter@4'],
    {
      cwd: PEER_DIR,
      stdio: 'inherit',
    },
  );
}

/** Written on every run, so a change to the peer's configuration needs no reinstall. */
function writePeerConfig(): void {
  fs.mkdirSync(PEER_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(PEER_DIR, 'polyfill.cjs'),
    `if (!Promise.withResolvers) Promise.withResolvers = function () { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };\n`,
  );
  fs.writeFileSync(
    path.join(PEER_DIR, 'graphile.config.mjs'),
    `import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';
import { makePgService } from 'postgraphile/adaptors/pg';
export default {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['datastore'], poolConfig: { max: Number(process.env.PEER_POOL ?? 20) } })],
  grafserv: { port: Number(process.env.PORT), host: '127.0.0.1', graphiql: false },
  grafast: { explain: false },
  // By default PostGraphile lets clients filter and sort only by indexed columns; the
  // workload mix filters and sorts by unindexed attributes too (food sampling's values).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
};
`,
  );
}

export async function startPeer(dbUrl: string, port: number) {
  const { spawn } = await import('node:child_process');
  const child = spawn(
    process.execPath,
    ['--require', './polyfill.cjs', 'node_modules/.bin/postgraphile', '-C', 'graphile.config.mjs'],
    {
      cwd: PEER_DIR,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), NODE_ENV: 'production' },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{__typename}"}',
      });
      if (res.ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))),
  };
}

async function post(url: string, body: string, seconds: number): Promise<LoadResult> {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 20,
    duration: seconds,
  });
  return loadResultOf(r);
}

const FIELDS = 'period city market product category avgPrice minPrice maxPrice';

export function ourQuery(): string {
  return JSON.stringify({
    query: `{ agriculturalPrices(first: 100, filter: {city: {eq: "140100"}, product: {eq: "猪肉"}, period: {gte: "2023-W01", lte: "2023-W52"}}, orderBy: [PERIOD_ASC]) { nodes { ${FIELDS} } } }`,
  });
}

/** PostGraphile's own name for the table's collection, read from its schema rather than guessed. */
export async function peerField(url: string, table: string): Promise<string> {
  const name = table
    .split('_')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }),
  });
  const body = (await res.json()) as { data: { __schema: { queryType: { fields: { name: string }[] } } } };
  const f = body.data.__schema.queryType.fields.find((x) =>
    x.name.toLowerCase().startsWith(`all${name}`.toLowerCase()),
  );
  if (!f) throw new Error(`PostGraphile exposes no collection for ${table}`);
  return f.name;
}

export function peerQuery(field: string): string {
  return JSON.stringify({
    query: `{ ${field}(first: 100, filter: {city: {equalTo: "140100"}, product: {equalTo: "猪肉"}, period: {greaterThanOrEqualTo: "2023-W01", lessThanOrEqualTo: "2023-W52"}}, orderBy: PERIOD_ASC) { nodes { ${FIELDS} } } }`,
  });
}

async function measureOurs(
  dbUrl: string,
  port: number,
  cache: boolean,
  seconds: number,
): Promise<LoadResult> {
  const server = await startProcess(
    'src/main.ts',
    { DATABASE_URL: dbUrl, GRAPHQL_RESPONSE_CACHE: String(cache) },
    port,
  );
  try {
    const url = `${server.url}/graphql`;
    const probe = (await (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ourQuery() })
    ).json()) as {
      data?: { agriculturalPrices: { nodes: unknown[] } };
    };
    if (probe.data?.agriculturalPrices.nodes.length !== 100)
      console.warn('our GraphQL probe did not return 100 rows');
    await post(url, ourQuery(), 2);
    return await post(url, ourQuery(), seconds);
  } finally {
    await server.stop();
  }
}

async function measurePeer(dbUrl: string, table: string, port: number, seconds: number): Promise<LoadResult> {
  const peer = await startPeer(dbUrl, port);
  try {
    const body = peerQuery(await peerField(peer.url, table));
    const probe = (await (
      await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).json()) as {
      data?: Record<string, { nodes: unknown[] }>;
    };
    const nodes = Object.values(probe.data ?? {})[0]?.nodes.length;
    if (nodes !== 100)
      console.warn(
        `PostGraphile probe returned ${String(nodes)} rows: ${JSON.stringify(probe).slice(0, 300)}`,
      );
    await post(peer.url, body, 2);
    return await post(peer.url, body, seconds);
  } finally {
    await peer.stop();
  }
}

const FLOOR_QUERY = JSON.stringify({ query: `{ rows(first: 100) { nodes { ${FIELDS} } } }` });

/** bench/apollo-floor-server.ts: Apollo with one fixed resolver running the same SELECT. */
async function measureFloor(
  dbUrl: string,
  table: string,
  port: number,
  seconds: number,
): Promise<LoadResult> {
  const server = await startProcess(
    'bench/apollo-floor-server.ts',
    { DATABASE_URL: dbUrl, BASELINE_SQL: benchmarkSelect(table, true), BASELINE_PARAMS: FILTER_PARAMS },
    port,
  );
  try {
    const url = `${server.url}/graphql`;
    const probe = (await (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: FLOOR_QUERY })
    ).json()) as { data?: { rows: { nodes: unknown[] } } };
    if (probe.data?.rows.nodes.length !== 100) console.warn('the Apollo floor probe did not return 100 rows');
    await post(url, FLOOR_QUERY, 2);
    return await post(url, FLOOR_QUERY, seconds);
  } finally {
    await server.stop();
  }
}

export interface GraphqlRound {
  postgraphile: LoadResult;
  floor: LoadResult;
  cacheOff: LoadResult;
  cacheOn: LoadResult;
  offRatio: number;
  onRatio: number;
}

/**
 * Our /graphql (response cache off and on) against PostGraphile 5 over the same table, with
 * the Apollo floor (bench/apollo-floor-server.ts) as a reference. These machines drift by
 * ±25 % within minutes, so the four servers run in rotating rounds, each round's ratios come
 * from back-to-back runs, and the reported ratio is the median over rounds.
 */
export async function benchGraphql(
  dbUrl: string,
  table: string,
  port: number,
  seconds: number,
  rounds: number,
) {
  installPeer();
  const all: GraphqlRound[] = [];
  for (let i = 0; i < rounds; i++) {
    const { order, results } = await rotatingRound(
      {
        postgraphile: () => measurePeer(dbUrl, table, port, seconds),
        cacheOff: () => measureOurs(dbUrl, port + 1, false, seconds),
        cacheOn: () => measureOurs(dbUrl, port + 2, true, seconds),
        floor: () => measureFloor(dbUrl, table, port + 3, seconds),
      },
      i,
    );
    const { postgraphile, cacheOff, cacheOn, floor } = results;
    const round = {
      postgraphile,
      floor,
      cacheOff,
      cacheOn,
      offRatio: cacheOff.reqPerSec / postgraphile.reqPerSec,
      onRatio: cacheOn.reqPerSec / postgraphile.reqPerSec,
    };
    all.push(round);
    console.log(
      `graphql round ${i + 1}/${rounds} (order ${order.join(', ')}): PostGraphile ${fmt(postgraphile.reqPerSec, 0)} req/s, ours cache off ${fmt(cacheOff.reqPerSec, 0)} (${fmt(round.offRatio)}×), cache on ${fmt(cacheOn.reqPerSec, 0)} (${fmt(round.onRatio)}×), Apollo floor ${fmt(floor.reqPerSec, 0)} (${fmt(floor.reqPerSec / postgraphile.reqPerSec)}×)`,
    );
  }
  return {
    rounds: all,
    offRatio: median(all.map((r) => r.offRatio)),
    onRatio: median(all.map((r) => r.onRatio)),
    floorRatio: median(all.map((r) => r.floor.reqPerSec / r.postgraphile.reqPerSec)),
    offToFloor: median(all.map((r) => r.cacheOff.reqPerSec / r.floor.reqPerSec)),
  };
}
