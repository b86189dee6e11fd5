import autocannon from 'autocannon';
import pg from 'pg';
import type { Database } from '../src/db';
import { installPeer, peerField, startPeer } from './graphql.bench';
import { camel, MIX_SHAPES, PAGE, picker, type Draw, type MixDataset, type MixShape } from './lib/mix-shapes';
import { describe, domains, type MixRole } from './lib/mix-domains';
import { loadResultOf, rotatingRound, type LoadResult } from './lib/rounds';
import { startProcess, type ServerProc } from './lib/server-proc';
import { loadWeekly } from './lib/setup';
import { fmt, median } from './lib/stats';

export const MIX_ROWS = Number(process.env.BENCH_MIX_ROWS ?? 2_000_000);
export const MIX_SECONDS = Number(process.env.BENCH_MIX_SECONDS ?? 5);
export const MIX_DRAWS = Number(process.env.BENCH_MIX_DRAWS ?? 20);
const WARMUP = Math.min(1, MIX_SECONDS / 2);
const SEED = 15;
/**
 * Every server's pool. Four servers stay up at once and PostgreSQL's default max_connections
 * is 100 (ours also keeps a few catalog connections), so 20 each would run out.
 */
export const MIX_POOL = Number(process.env.BENCH_MIX_POOL ?? 12);
/**
 * With 2 or more, one more server: ours with caches off as that many worker processes
 * (WORKERS, each with its share of MIX_POOL connections), to show what a second process gives.
 */
export const MIX_WORKERS = Number(process.env.BENCH_MIX_WORKERS ?? 1);
/** Only these datasets (comma-separated ids), for a quicker look at one; default all three. */
const MIX_DATASETS = process.env.BENCH_MIX_DATASETS?.split(',').filter(Boolean);
export const MIX_PRICES = 'bench-mix-prices';
const PRICE_SHAPE = { markets: 20, products: 20 };

/** The weekly prices at scale, each week public a week after the last, so `asOf` has eras. */
export async function loadMixPrices(db: Database): Promise<void> {
  if (MIX_DATASETS && !MIX_DATASETS.includes(MIX_PRICES)) return;
  const weeks = Math.max(1, Math.round(MIX_ROWS / (10 * PRICE_SHAPE.markets * PRICE_SHAPE.products)));
  const start = Date.parse('2017-01-09T01:00:00Z');
  await loadWeekly(db, MIX_PRICES, { weeks, ...PRICE_SHAPE }, (w) => new Date(start + w * 7 * 86_400_000));
}

const ROLES: MixRole[] = [
  {
    id: MIX_PRICES,
    dims: ['city', 'market', 'product'],
    measure: 'avg_price',
    subset: ['period', 'market', 'avg_price'],
    yearSpan: 52,
  },
  {
    id: 'food-sampling',
    dims: ['producer_place', 'food_category', 'product'],
    measure: 'measured_value',
    subset: ['period', 'product', 'result'],
    yearSpan: 12,
  },
  {
    id: 'fiscal-revenue-expenditure',
    dims: ['region', 'item', 'region'],
    measure: 'amount',
    subset: ['period', 'item', 'amount'],
    yearSpan: 12,
  },
];

interface Servers {
  off: ServerProc;
  on: ServerProc;
  base: ServerProc;
  /** bench/mix-apollo-floor-server.ts: Apollo on our schema, resolvers running the bare SQL. */
  floor?: ServerProc;
  two?: ServerProc;
  peer: { url: string; stop(): Promise<void> };
}

const json = { 'content-type': 'application/json' };

async function post(url: string, body: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: json, body });
  return (await res.json()) as Record<string, unknown>;
}

/** Sets a deep draw's cursors from the servers themselves: ours REST, ours GraphQL, PostGraphile's. */
async function resolveDeep(draw: Draw, ds: MixDataset, servers: Servers): Promise<Draw> {
  const { depth, filter } = draw.deep!;
  const path = `/api/v1/datasets/${ds.id}/rows?${filter.field}=${encodeURIComponent(filter.value)}&limit=${depth}`;
  const first = (await (await fetch(servers.off.url + path)).json()) as { links: { next: string } };
  const query = first.links.next.split('?')[1]!.replace(`limit=${depth}`, `limit=${PAGE}`);
  const cursor = new URLSearchParams(query).get('cursor')!;
  const keys = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v: string[] }).v;
  const sql = draw.sql.map((s) => {
    const n = s.values.length;
    const keyset = ` AND ("${ds.period}", "_release_id", "_row") > ($${n + 1}, $${n + 2}, $${n + 3})`;
    const text = s.text.includes(' WHERE ')
      ? s.text.replace(' ORDER BY ', `${keyset} ORDER BY `)
      : s.text.replace(' ORDER BY ', ` WHERE ${keyset.slice(5)} ORDER BY `);
    return { text, values: [...s.values, ...keys] };
  });
  const gqlFilter = `filter: {${camel(filter.field)}: {%s: ${JSON.stringify(filter.value)}}}`;
  const ours = (await post(
    `${servers.off.url}/graphql`,
    JSON.stringify({
      query: `{ ${ds.gqlName}(first: ${depth}, ${gqlFilter.replace('%s', 'eq')}) { pageInfo { endCursor } } }`,
    }),
  )) as { data: Record<string, { pageInfo: { endCursor: string } }> };
  const peer = (await post(
    servers.peer.url,
    JSON.stringify({
      query: `{ ${ds.peerField}(first: 1, offset: ${depth - 1}, ${gqlFilter.replace('%s', 'equalTo')}, orderBy: [PERIOD_ASC]) { pageInfo { endCursor } } }`,
    }),
  )) as { data: Record<string, { pageInfo: { endCursor: string } }> };
  const after = (doc: string, c: string) =>
    JSON.stringify({
      query: (JSON.parse(doc) as { query: string }).query.replace(
        `first: ${PAGE}`,
        `first: ${PAGE}, after: ${JSON.stringify(c)}`,
      ),
    });
  return {
    rest: `rows?${query}`,
    sql,
    ours: after(draw.ours, ours.data[ds.gqlName]!.pageInfo.endCursor),
    ...(draw.peer && { peer: after(draw.peer, peer.data[ds.peerField]!.pageInfo.endCursor) }),
  };
}

type Req = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

async function load(url: string, requests: Req[], seconds: number): Promise<LoadResult> {
  const r = await autocannon({ url, connections: 20, duration: seconds, requests });
  return loadResultOf(r);
}

/** How long priming may take before the timed runs start anyway. */
const PRIME_MS = 60_000;

/**
 * Asks every request of the list once, four at a time, before a run: the runs measure the
 * steady state, in which each server (and each response cache) has seen the day's questions
 * before. Without it, a 1-second warm-up covers only a few of the draws of a slow shape, and
 * a cached server was measured mostly on misses.
 */
async function prime(url: string, requests: Req[]): Promise<void> {
  const until = Date.now() + PRIME_MS;
  let next = 0;
  const worker = async () => {
    while (next < requests.length && Date.now() < until) {
      const r = requests[next++]!;
      const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body });
      await res.arrayBuffer();
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
}

const RUNS = ['restOff', 'base', 'restOn', 'gqlOff', 'peer', 'gqlOn', 'floor', 'restTwo', 'gqlTwo'] as const;
type Run = (typeof RUNS)[number];

export interface ShapeResult {
  dataset: string;
  shape: MixShape;
  example: Draw;
  rounds: Partial<Record<Run, LoadResult>>[];
  /** Answers whose row count differed between ours and a peer (per spelling), at the probe. */
  disagreements: string[];
}

function rowCount(body: unknown): number | undefined {
  const b = body as { data?: unknown };
  if (Array.isArray(b.data)) return b.data.length;
  const d = b.data && typeof b.data === 'object' ? Object.values(b.data as object)[0] : undefined;
  if (Array.isArray(d)) return d.length;
  const nodes = (d as { nodes?: unknown[] } | undefined)?.nodes;
  return Array.isArray(nodes) ? nodes.length : undefined;
}

export async function benchMix(db: Database, url: string, port: number, rounds: number) {
  installPeer();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const roles = ROLES.filter((r) => !MIX_DATASETS || MIX_DATASETS.includes(r.id));
  const described = await Promise.all(roles.map((r) => describe(db, r)));
  const texts: string[] = [];
  const textId = (t: string) => (texts.includes(t) ? texts.indexOf(t) : texts.push(t) - 1);

  process.env.PEER_POOL = String(MIX_POOL);
  const peer = await startPeer(url, port + 3);
  const datasets: MixDataset[] = [];
  for (const d of described) datasets.push({ ...d, peerField: await peerField(peer.url, d.table) });
  const drawn: { ds: MixDataset; shape: MixShape; draws: Draw[] }[] = [];
  for (const ds of datasets) {
    const dom = await domains(db, pool, ds);
    for (const shape of MIX_SHAPES) {
      const pick = picker(SEED + shape.id.length * 31 + ds.id.length);
      drawn.push({ ds, shape, draws: Array.from({ length: MIX_DRAWS }, () => shape.draw(ds, dom, pick)) });
    }
  }
  await pool.end();
  for (const d of drawn) for (const draw of d.draws) for (const s of draw.sql) textId(s.text);

  const common = { DATABASE_URL: url, DB_POOL_MAX: String(MIX_POOL) };
  const servers: Servers = {
    off: await startProcess(
      'src/main.ts',
      { ...common, REST_RESPONSE_CACHE: 'false', GRAPHQL_RESPONSE_CACHE: 'false' },
      port,
    ),
    on: await startProcess(
      'src/main.ts',
      { ...common, REST_RESPONSE_CACHE: 'true', GRAPHQL_RESPONSE_CACHE: 'true' },
      port + 1,
    ),
    base: await startProcess(
      'bench/mix-baseline-server.ts',
      { DATABASE_URL: url, MIX_SQL: '[]', MIX_POOL: String(MIX_POOL) },
      port + 2,
    ),
    peer,
    ...(MIX_WORKERS > 1 && {
      two: await startProcess(
        'src/main.ts',
        {
          ...common,
          WORKERS: String(MIX_WORKERS),
          DB_POOL_MAX: String(Math.max(1, Math.floor(MIX_POOL / MIX_WORKERS))),
          REST_RESPONSE_CACHE: 'false',
          GRAPHQL_RESPONSE_CACHE: 'false',
        },
        port + 4,
      ),
    }),
  };
  try {
    // Deep cursors come from the servers, so the statement list is known only now.
    for (const d of drawn)
      for (let i = 0; i < d.draws.length; i++)
        if (d.draws[i]!.deep) d.draws[i] = await resolveDeep(d.draws[i]!, d.ds, servers);
    for (const d of drawn) for (const draw of d.draws) for (const s of draw.sql) textId(s.text);
    await servers.base.stop();
    servers.base = await startProcess(
      'bench/mix-baseline-server.ts',
      { DATABASE_URL: url, MIX_SQL: JSON.stringify(texts), MIX_POOL: String(MIX_POOL) },
      port + 2,
    );
    servers.floor = await startProcess(
      'bench/mix-apollo-floor-server.ts',
      {
        DATABASE_URL: url,
        MIX_SQL: JSON.stringify(texts),
        MIX_POOL: String(MIX_POOL),
        MIX_FLOOR_ROOTS: JSON.stringify(datasets.map((d) => d.gqlName)),
      },
      port + 5,
    );

    const results: ShapeResult[] = [];
    for (const d of drawn) {
      const prefix = `/api/v1/datasets/${d.ds.id}/`;
      const restReqs: Req[] = d.draws.map((x) => ({ method: 'GET', path: prefix + x.rest }));
      const baseReqs: Req[] = d.draws.map((x) => ({
        method: 'GET',
        path: `/q/${x.sql.map((s) => textId(s.text)).join(',')}?p=${encodeURIComponent(JSON.stringify(x.sql.map((s) => s.values)))}`,
      }));
      const gql = (doc: string): Req => ({ method: 'POST', path: '/graphql', headers: json, body: doc });
      const oursReqs = d.draws.map((x) => gql(x.ours));
      const peerReqs = d.shape.peerSkip
        ? []
        : d.draws.flatMap((x) => (x.peer ? [{ ...gql(x.peer), path: '/graphql' }] : []));
      // One probe of each draw on each server: a wrong spelling shows as an error or a different count.
      const disagreements: string[] = [];
      for (let i = 0; i < d.draws.length; i++) {
        const get = async (base: string, r: Req) => {
          const res = await fetch(base + r.path, { method: r.method, headers: r.headers, body: r.body });
          const body = (await res.json()) as Record<string, unknown>;
          if (!res.ok || body.errors)
            disagreements.push(`${r.path.slice(0, 80)}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          return rowCount(body);
        };
        const counts = {
          rest: await get(servers.off.url, restReqs[i]!),
          base: await get(servers.base.url, baseReqs[i]!),
          gql: await get(servers.off.url, oursReqs[i]!),
          floor: await get(servers.floor.url, floorReq(d.draws[i]!)),
          ...(peerReqs[i] && { peer: await get(servers.peer.url.replace(/\/graphql$/, ''), peerReqs[i]!) }),
        };
        if (new Set(Object.values(counts)).size > 1)
          disagreements.push(`draw ${i}: counts ${JSON.stringify(counts)}`);
      }
      if (disagreements.length)
        console.warn(`${d.ds.id} ${d.shape.id}:\n  ${disagreements.slice(0, 3).join('\n  ')}`);
      results.push({ dataset: d.ds.id, shape: d.shape, example: d.draws[0]!, rounds: [], disagreements });
    }
    // Every shape's runs in each round, the servers' order rotating from shape to shape and round to round.
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < results.length; k++) {
        const r = results[k]!;
        const d = drawn[k]!;
        const { results: res } = await rotatingRound(runsFor(d, r, servers), round + k);
        r.rounds.push(res);
        console.log(
          `mix round ${round + 1}/${rounds} ${r.dataset} ${r.shape.id}: ${RUNS.filter((n) => res[n])
            .map((n) => `${n} ${fmt(res[n]!.reqPerSec, 0)}`)
            .join(', ')}`,
        );
      }
    }
    return { results, datasets };
  } finally {
    await Promise.all([
      servers.off.stop(),
      servers.on.stop(),
      servers.base.stop(),
      servers.floor?.stop(),
      servers.peer.stop(),
      servers.two?.stop(),
    ]);
  }

  /** Our GraphQL document, sent to the Apollo floor with the bare SQL it is to run. */
  function floorReq(x: Draw): Req {
    const floor = { ids: x.sql.map((q) => textId(q.text)), p: x.sql.map((q) => q.values), agg: x.agg };
    return {
      method: 'POST',
      path: '/graphql',
      // Header values are Latin-1; the values hold Chinese text.
      headers: { ...json, 'x-floor': encodeURIComponent(JSON.stringify(floor)) },
      body: x.ours,
    };
  }

  function runsFor(d: (typeof drawn)[number], _r: ShapeResult, s: Servers) {
    const prefix = `/api/v1/datasets/${d.ds.id}/`;
    const gql = (doc: string): Req => ({ method: 'POST', path: '/graphql', headers: json, body: doc });
    const restReqs: Req[] = d.draws.map((x) => ({ method: 'GET', path: prefix + x.rest }));
    const baseReqs: Req[] = d.draws.map((x) => ({
      method: 'GET',
      path: `/q/${x.sql.map((q) => textId(q.text)).join(',')}?p=${encodeURIComponent(JSON.stringify(x.sql.map((q) => q.values)))}`,
    }));
    const oursReqs = d.draws.map((x) => gql(x.ours));
    const peerDocs = d.shape.peerSkip ? [] : d.draws.flatMap((x) => (x.peer ? [gql(x.peer)] : []));
    const run = async (base: string, reqs: Req[]) => {
      await quiesce(url);
      await prime(base, reqs);
      await load(base, reqs, WARMUP);
      return load(base, reqs, MIX_SECONDS);
    };
    const runs = {
      restOff: () => run(s.off.url, restReqs),
      base: () => run(s.base.url, baseReqs),
      restOn: () => run(s.on.url, restReqs),
      gqlOff: () => run(s.off.url, oursReqs),
      gqlOn: () => run(s.on.url, oursReqs),
    } as Record<Run, () => Promise<LoadResult>>;
    const floor = s.floor;
    if (floor) runs.floor = () => run(floor.url, d.draws.map(floorReq));
    if (peerDocs.length === d.draws.length)
      runs.peer = () => run(s.peer.url.replace(/\/graphql$/, ''), peerDocs);
    const two = s.two;
    if (two) {
      runs.restTwo = () => run(two.url, restReqs);
      runs.gqlTwo = () => run(two.url, oursReqs);
    }
    return runs;
  }
}

/** Median over rounds of ours / peer req/s. */
export function shapeRatio(r: ShapeResult, ours: Run, peer: Run): number {
  const xs = r.rounds.filter((x) => x[ours] && x[peer]).map((x) => x[ours]!.reqPerSec / x[peer]!.reqPerSec);
  return xs.length ? median(xs) : NaN;
}

export function geomean(xs: readonly number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  return ok.length ? Math.exp(ok.reduce((s, x) => s + Math.log(x), 0) / ok.length) : NaN;
}

export const medianReqs = (r: ShapeResult, run: Run) => {
  const xs = r.rounds.flatMap((x) => (x[run] ? [x[run].reqPerSec] : []));
  return xs.length ? median(xs) : NaN;
};

/** How long a run waits for statements left by the run before it, before cancelling them. */
const QUIESCE_MS = 30_000;

/**
 * Waits until no statement is running on the benchmark's database, so a run is not
 * measured while the last one's abandoned requests (an aggregate over all history can
 * outlast its run by many seconds) still hold the CPU and the pools. Ours cancels the
 * statements of a client that hung up (src/db/read-cancel.ts); the bare handler, the
 * Apollo floor and PostGraphile let them run, so what is still running after QUIESCE_MS
 * is cancelled here.
 */
async function quiesce(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const busy = async () =>
      (
        await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
              AND backend_type = 'client backend' AND query NOT ILIKE 'LISTEN%'`,
        )
      ).rows;
    const until = Date.now() + QUIESCE_MS;
    let left = await busy();
    while (left.length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      left = await busy();
    }
    if (left.length > 0) {
      console.warn(`cancelling ${left.length} statements left running by the previous run`);
      for (const { pid } of left) await client.query('SELECT pg_cancel_backend($1)', [pid]);
    }
  } finally {
    await client.end();
  }
}
