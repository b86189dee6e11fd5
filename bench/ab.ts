import path from 'node:path';
import autocannon from 'autocannon';
import { PG_ADMIN, psql } from './lib/setup';
import { startProcess, type ServerProc } from './lib/server-proc';
import { fmt, median } from './lib/stats';

/**
 * `npx tsx bench/ab.ts <checkout A> <checkout B> <path> [json body]`: is B faster or slower
 * than A on one request? Both builds serve at once, each on a fresh seeded PostgreSQL
 * database of its own, caches off, and answer the request in alternating bursts (A then B,
 * then B then A, …). Prints each burst and the median of B/A over the pairs.
 *
 * Both servers up at once and short alternating bursts, because this host drifts by more
 * than most changes are worth: one server measured after the other compares two moments as
 * much as two builds. With a body the request is a POST (GraphQL). Each checkout needs its
 * own node_modules (npm ci, or a symlink to one). Nothing is written to docs/BENCHMARKS.md:
 * this answers a question during work; the mix is the record.
 *
 * AB_BURSTS (8 pairs), AB_SECONDS (2), AB_CONNECTIONS (20).
 */
const BURSTS = Number(process.env.AB_BURSTS ?? 8);
const SECONDS = Number(process.env.AB_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.AB_CONNECTIONS ?? 20);
const PORT = 3960;

async function burst(server: ServerProc, route: string, seconds: number, body?: string): Promise<number> {
  const r = await autocannon({
    url: server.url + route,
    connections: CONNECTIONS,
    duration: seconds,
    ...(body ? { method: 'POST' as const, body, headers: { 'content-type': 'application/json' } } : {}),
  });
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${server.url}${route}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  }
  return r.requests.average;
}

async function main(): Promise<void> {
  const [a, b, route, body] = process.argv.slice(2);
  if (!a || !b || !route?.startsWith('/')) {
    throw new Error('usage: npx tsx bench/ab.ts <checkout A> <checkout B> </path?query> [json body]');
  }
  const servers: ServerProc[] = [];
  const names = ['bench_ab_a', 'bench_ab_b'];
  try {
    for (const [i, dir] of [a, b].entries()) {
      psql(
        PG_ADMIN,
        '-c',
        `DROP DATABASE IF EXISTS "${names[i]}" WITH (FORCE)`,
        '-c',
        `CREATE DATABASE "${names[i]}"`,
      );
      const env = {
        DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${names[i]}`),
        SEED_ON_START: 'true',
        REST_RESPONSE_CACHE: 'false',
        GRAPHQL_RESPONSE_CACHE: 'false',
        DB_POOL_MAX: '10',
      };
      servers.push(await startProcess('src/main.ts', env, PORT + i, path.resolve(dir)));
    }
    const [sa, sb] = servers as [ServerProc, ServerProc];
    await burst(sa, route, 2, body);
    await burst(sb, route, 2, body);
    const pairs: Array<{ a: number; b: number }> = [];
    for (let i = 0; i < BURSTS; i++) {
      const first = i % 2 === 0 ? sa : sb;
      const x = await burst(first, route, SECONDS, body);
      const y = await burst(first === sa ? sb : sa, route, SECONDS, body);
      pairs.push(first === sa ? { a: x, b: y } : { a: y, b: x });
      console.log(`burst ${i + 1}/${BURSTS}: A ${fmt(pairs[i]!.a, 0)} req/s, B ${fmt(pairs[i]!.b, 0)} req/s`);
    }
    const ratios = pairs.map((p) => p.b / p.a);
    console.log(
      `B/A: median ${fmt(median(ratios))}, range ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))} over ${BURSTS} pairs`,
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const name of names) psql(PG_ADMIN, '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
