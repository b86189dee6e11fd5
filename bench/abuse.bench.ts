import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { graphqlRequests } from '../test/support/graphql-documents';
import { graphqlAttacks, type Attack } from './lib/graphql-attacks';
import type { LoopReport } from './lib/loop-monitored-server';
import { median, percentile } from './lib/stats';

const ROOT = path.resolve(__dirname, '..');
export const REPEATS = 20;
const FUZZ_DOCUMENTS = Number(process.env.BENCH_FUZZ ?? 300);

export interface AttackResult {
  readonly name: string;
  readonly answer: string;
  readonly p50Ms: number;
  readonly maxMs: number;
  /** The server process's CPU time (user + system) per request, from /proc. */
  readonly cpuMs: number;
}

export interface AbuseResult {
  readonly attacks: AttackResult[];
  readonly health: { p99Ms: number; maxMs: number; probes: number; failures: number };
  readonly loop: LoopReport;
  readonly concurrent: { requests: number; health: AbuseResult['health']; loop: LoopReport };
  readonly fuzz: { documents: number; slowestMs: number; slowest: string; statuses: Record<string, number> };
}

/** utime + stime of a process in ms (the kernel counts in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startMonitored(dbUrl: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(__dirname, 'lib/loop-monitored-server.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      NODE_ENV: 'production',
      LOG_REQUESTS: 'false',
      SEED_ON_START: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function loopReport(child: ChildProcess): Promise<LoopReport> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as LoopReport));
    child.send('report');
  });
}

/** GET /healthz every 25 ms until stopped: what a load balancer sees during an attack. */
function probeHealth(url: string) {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (!res.ok) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return async () => {
    running = false;
    await done;
    const sorted = latencies.sort((a, b) => a - b);
    return { p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN, probes: sorted.length, failures };
  };
}

async function send(url: string, body: unknown): Promise<{ ms: number; status: number; code: string }> {
  const t = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t;
  let code = '';
  try {
    code =
      (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions
        ?.code ?? '';
  } catch {
    code = 'not JSON';
  }
  return { ms, status: res.status, code };
}

async function runAttack(url: string, pid: number, attack: Attack): Promise<AttackResult> {
  await send(url, attack.body); // Apollo's document cache and our plan caches warm up once
  const cpu0 = cpuMs(pid);
  const times: number[] = [];
  let answer = '';
  for (let i = 0; i < REPEATS; i++) {
    const r = await send(url, attack.body);
    times.push(r.ms);
    answer = `${r.status}${r.code ? ` ${r.code}` : ''}`;
  }
  return {
    name: attack.name,
    answer,
    p50Ms: median(times),
    maxMs: Math.max(...times),
    cpuMs: (cpuMs(pid) - cpu0) / REPEATS,
  };
}

/**
 * `npm run bench -- abuse`: every hostile GraphQL document family, sent without a token to
 * a real server on PostgreSQL, while a prober reads /healthz every 25 ms and the server's
 * own event-loop delay histogram records every stall. Then the same attacks from 4 clients
 * at once, then random documents (the property test's generator, fixed seed).
 */
export async function benchAbuse(dbUrl: string, port: number): Promise<AbuseResult> {
  const { child, url } = await startMonitored(dbUrl, port);
  try {
    const pid = child.pid!;
    const introspection = {
      name: 'introspection query (legitimate, for reference)',
      body: { query: getIntrospectionQuery() },
    };
    const attacks = [introspection, ...graphqlAttacks()];
    // The first GraphQL request builds the schema from the catalog (a start-up cost, not an
    // attack's); it happens before the stall histogram starts counting.
    await send(url, introspection.body);
    child.send('reset');
    const stopProbe = probeHealth(url);
    const results: AttackResult[] = [];
    for (const a of attacks) results.push(await runAttack(url, pid, a));
    const health = await stopProbe();
    const loop = await loopReport(child);

    child.send('reset');
    const stopConcurrent = probeHealth(url);
    let requests = 0;
    const hostile = graphqlAttacks();
    const until = Date.now() + 10_000;
    await Promise.all(
      Array.from({ length: 4 }, async (_, k) => {
        for (let i = k; Date.now() < until; i++) {
          await send(url, hostile[i % hostile.length]!.body);
          requests++;
        }
      }),
    );
    const concurrent = { requests, health: await stopConcurrent(), loop: await loopReport(child) };

    const schemaAnswer = (await (
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      })
    ).json()) as { data: never };
    const schema = buildClientSchema(schemaAnswer.data);
    const statuses: Record<string, number> = {};
    let slowest = { ms: 0, query: '' };
    for (const request of fc.sample(graphqlRequests(schema), { numRuns: FUZZ_DOCUMENTS, seed: 42 })) {
      const r = await send(url, request);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.ms > slowest.ms) slowest = { ms: r.ms, query: request.query };
    }
    return {
      attacks: results,
      health,
      loop,
      concurrent,
      fuzz: { documents: FUZZ_DOCUMENTS, slowestMs: slowest.ms, slowest: slowest.query, statuses },
    };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
