import { expect } from 'chai';
import http from 'node:http';
import { isolatedDatabase, startChildServer, type ChildServer } from '../support/child-server';
import { weeklyDatasetBody } from '../support/dataset-body';

const ADMIN = 'crash-admin';
const auth = { authorization: `Bearer ${ADMIN}` };
const SCHEMA = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'week', title: { zh: '统计周', en: 'Week' } },
    { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
    { name: 'market', type: 'string', title: { zh: '市场', en: 'Market' } },
    { name: 'product', type: 'string', title: { zh: '品种', en: 'Product' } },
    { name: 'price', type: 'number', unit: '元/公斤', title: { zh: '价格', en: 'Price' } },
  ],
  primaryKey: ['period', 'city', 'market', 'product'],
};

async function call(base: string, method: string, p: string, body?: unknown) {
  const res = await fetch(base + p, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** 1,000,000 distinct rows of one week, produced lazily. */
function* csvLines(period: string, rows: number): Generator<string> {
  yield 'period,city,market,product,price\n';
  let n = 0;
  for (let c = 0; n < rows; c++) {
    const lines: string[] = [];
    for (let k = 0; k < 1000 && n < rows; k++, n++)
      lines.push(`${period},14${String(c % 100).padStart(4, '0')},市场${c},品种${k},${(k % 97) + 0.5}`);
    yield lines.join('\n') + '\n';
  }
}

/** Streams the upload and resolves once `killAfterBytes` have gone out (the upload is then still running). */
function startUpload(base: string, period: string, killAfterBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(`/api/v1/datasets/crash-test/releases?period=${period}`, base);
    const req = http.request(url, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' } });
    req.on('error', () => undefined);
    let sent = 0;
    let signalled = false;
    const gen = csvLines(period, 1_000_000);
    const pump = () => {
      for (;;) {
        const next = gen.next();
        if (next.done) {
          req.end();
          return;
        }
        sent += Buffer.byteLength(next.value);
        if (!signalled && sent >= killAfterBytes) {
          signalled = true;
          resolve();
        }
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

describe('crash during a 1M-row upload', function () {
  this.timeout(600_000);
  let env: Record<string, string>;
  let server: ChildServer | undefined;
  let dropDb: (() => void) | undefined;

  before(() => {
    const db = isolatedDatabase('crash');
    env = { ...db.env, ADMIN_TOKEN: ADMIN, SEED_ON_START: 'false' };
    dropDb = db.drop;
  });

  after(async () => {
    await server?.kill('SIGTERM');
    dropDb?.();
  });

  it('leaves no partial release after SIGKILL, and the period can then be published cleanly', async () => {
    server = await startChildServer(env);
    expect(
      (
        await call(server.url, 'POST', '/api/v1/agencies', {
          id: 'crash-agency',
          name: { zh: '测试厅', en: 'Test' },
        })
      ).status,
    ).to.equal(201);
    const created = await call(
      server.url,
      'POST',
      '/api/v1/datasets',
      weeklyDatasetBody('crash-test', 'crash-agency', '崩溃测试', 'Crash test'),
    );
    expect(created.status).to.equal(201);
    expect(
      (await call(server.url, 'POST', '/api/v1/datasets/crash-test/schema/versions', SCHEMA)).status,
    ).to.equal(201);

    // About a third of the file is on the wire and being COPYed when the process dies.
    await startUpload(server.url, '2026-W47', 12 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 300));
    await server.kill('SIGKILL');

    server = await startChildServer(env);
    const releases = await call(server.url, 'GET', '/api/v1/datasets/crash-test/releases');
    expect(releases.status).to.equal(200);
    expect(releases.body.data).to.deep.equal([]);
    const rows = await call(server.url, 'GET', '/api/v1/datasets/crash-test/rows?include_total=true&limit=1');
    expect(rows.body.meta.total).to.equal(0);
    expect(rows.body.data).to.deep.equal([]);
    const summary = await call(server.url, 'GET', '/api/v1/datasets/crash-test');
    expect(summary.body.data.rowCount).to.equal(0);

    const small = await fetch(`${server.url}/api/v1/datasets/crash-test/releases?period=2026-W47`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: 'period,city,market,product,price\n2026-W47,140100,市场1,猪肉,20.5\n',
    });
    expect(small.status).to.equal(201);
    const rel = (await small.json()) as any;
    expect(rel.data.revision).to.equal(1);
    expect(rel.data.rowCount).to.equal(1);
  });
});
