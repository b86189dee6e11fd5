import { startProcess } from './lib/server-proc';
import { fmt, percentile, timeIt } from './lib/stats';

interface Page {
  links: { next: string | null };
}

async function getPage(base: string, path: string): Promise<Page> {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as Page;
}

/**
 * Latency of page 1 against page 10,000 (limit 100). The cursor for page 10,000 is
 * reached honestly through the API: 99 pages of 10,000 rows, then 99 pages of 100
 * (a cursor does not depend on the page size, only on the position).
 */
export async function benchDeepPaging(dbUrl: string, datasetId: string, port: number, samples = 200) {
  const server = await startProcess('src/main.ts', { DATABASE_URL: dbUrl }, port);
  try {
    const first = `/api/v1/datasets/${datasetId}/rows?limit=100`;
    let path = `/api/v1/datasets/${datasetId}/rows?limit=10000`;
    for (let i = 0; i < 99; i++) path = (await getPage(server.url, path)).links.next!;
    path = path.replace('limit=10000', 'limit=100');
    for (let i = 0; i < 99; i++) path = (await getPage(server.url, path)).links.next!;
    const deep = path;
    const measure = async (p: string) => {
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push((await timeIt(() => getPage(server.url, p))).ms);
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    await measure(first);
    const page1 = await measure(first);
    const page10k = await measure(deep);
    const ratio = page10k.p50 / page1.p50;
    console.log(
      `deep paging: page 1 p50 ${fmt(page1.p50)} ms p99 ${fmt(page1.p99)} ms; page 10,000 p50 ${fmt(page10k.p50)} ms p99 ${fmt(page10k.p99)} ms; ratio ${fmt(ratio)}`,
    );
    return { page1, page10k, ratio };
  } finally {
    await server.stop();
  }
}
