import fs from 'node:fs';
import { fmt, percentile, timeIt } from './lib/stats';

/**
 * Server time of the human pages against a running server with the seeded data:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/opendata npm start   # another shell
 *   npx tsx bench/pages.bench.ts [baseUrl]                               # default http://localhost:3000
 *
 * Requests go one at a time over loopback, so each time is the page's server time plus
 * well under a millisecond of transfer: an upper bound for what the issue limits
 * (100 ms per page on PostgreSQL). BENCH_PAGE_SAMPLES sets the samples per page (200).
 * On a busy machine wall times include waiting for a CPU; with BENCH_SERVER_PID (the server's
 * node process, on this host) the server's own CPU time per request is reported as well.
 */
const PAGES = [
  '/',
  '/?by=agency',
  `/?q=${encodeURIComponent('地价')}`,
  '/datasets/agri-prices',
  '/datasets/agri-prices?page=20',
  '/datasets/land-prices',
  '/datasets/land-prices?lang=en',
  '/agencies/sx-agriculture',
  '/calendar',
];

const WARMUP = 20;
/** Linux counts process CPU time in clock ticks of 10 ms (USER_HZ = 100). */
const TICK_MS = 10;

/** User + system CPU time of a local process so far, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function load(url: string): Promise<number> {
  const res = await fetch(url, { headers: { accept: 'text/html' } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
  return body.length;
}

export interface PageTiming {
  path: string;
  p50: number;
  p99: number;
  max: number;
  kib: number;
  /** Server CPU per request (ms), when the server's pid is known. */
  cpuMs?: number;
}

export async function benchPages(base: string, samples: number, serverPid?: number): Promise<PageTiming[]> {
  const out: PageTiming[] = [];
  for (const path of PAGES) {
    for (let i = 0; i < WARMUP; i++) await load(base + path);
    const times: number[] = [];
    let size = 0;
    const cpuBefore = serverPid ? cpuMs(serverPid) : 0;
    for (let i = 0; i < samples; i++) {
      const t = await timeIt(() => load(base + path));
      times.push(t.ms);
      size = t.value;
    }
    times.sort((a, b) => a - b);
    out.push({
      path: decodeURIComponent(path),
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times[times.length - 1]!,
      kib: Math.round(size / 1024),
      ...(serverPid ? { cpuMs: (cpuMs(serverPid) - cpuBefore) / samples } : {}),
    });
  }
  return out;
}

if (require.main === module) {
  const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
  const pid = process.env.BENCH_SERVER_PID ? Number(process.env.BENCH_SERVER_PID) : undefined;
  benchPages(base, Number(process.env.BENCH_PAGE_SAMPLES ?? 200), pid).then(
    (rows) => {
      for (const r of rows) {
        console.log(
          r.path.padEnd(34),
          fmt(r.p50).padStart(8),
          fmt(r.p99).padStart(8),
          fmt(r.max).padStart(8),
          String(r.kib).padStart(6),
          r.cpuMs === undefined ? '' : fmt(r.cpuMs).padStart(8),
        );
      }
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
