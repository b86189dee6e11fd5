import { expect } from 'chai';
import http from 'node:http';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/db';
import { startAppServer, type AppServer } from '../support/app-server';
import { adminHeaders } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { TEST_ADMIN_TOKEN, testServer } from '../support/server';
import { TcpProxy } from '../support/tcp-proxy';
import { createTinyDataset } from '../support/tiny-dataset';

const onServer = Boolean(process.env.DATABASE_URL);
const ROWS = '/api/v1/datasets/agri-prices/rows?limit=2&city=140100';
const GRAPHQL_ROWS = '{ agriculturalPrices(first: 2) { nodes { period city avgPrice } } }';

async function call(base: string, path: string, init: RequestInit = {}) {
  const res = await fetch(base + path, init);
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, body: json as any };
}

function graphql(base: string, query: string) {
  return call(base, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
}

function expectUnavailable(r: { status: number; headers: Headers; body: any }, what: string): void {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).to.equal(503);
  expect(r.headers.get('retry-after'), what).to.match(/^[1-9][0-9]*$/);
  expect(r.body?.error?.code, `${what}: ${JSON.stringify(r.body)}`).to.equal('database_unavailable');
}

// A PostgreSQL server is reached over a connection that can fail; embedded PGlite runs in
// this process and has no connection to lose, so these run on the server only.
describe('PostgreSQL faults: 503 with Retry-After, never 500 (PostgreSQL server only)', function () {
  this.timeout(120_000);
  let proxy: TcpProxy;
  let db: Database | undefined;
  let app: AppServer | undefined;
  /** A second app that has never answered GraphQL, so its schema is first built during the outage. */
  let fresh: AppServer | undefined;

  before(async function () {
    if (!onServer) this.skip();
    await testServer(); // migrated and seeded
    const target = new URL(process.env.DATABASE_URL!);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.up();
    const env = { DATABASE_URL: proxy.rewrite(process.env.DATABASE_URL!) };
    db = await openDatabase(loadConfig({ ...process.env, ...env }));
    app = await startAppServer(env, { db });
    fresh = await startAppServer(env, { db });
  });

  after(async () => {
    await app?.close();
    await fresh?.close();
    await proxy?.up().catch(() => undefined);
    await db?.close();
  });

  it('answers reads, GraphQL and uploads with 503 database_unavailable while the database is down, and /readyz says not ready', async () => {
    expect((await call(app!.url, ROWS)).status).to.equal(200);
    expect((await call(app!.url, '/readyz')).status).to.equal(200);
    expect((await graphql(app!.url, GRAPHQL_ROWS)).status).to.equal(200);
    await proxy.down();

    // A query not answered before: an answer already in the REST response cache may still
    // be served from memory while the database is away.
    const rows = await call(app!.url, '/api/v1/datasets/agri-prices/rows?limit=4&city=140200');
    expectUnavailable(rows, 'rows');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 503, rows.body);
    const list = await call(app!.url, '/api/v1/datasets');
    expectUnavailable(list, 'datasets');
    assertMatchesSpec('/api/v1/datasets', 'get', 503, list.body);
    expectUnavailable(await call(app!.url, '/api/v1/datasets/agri-prices/export.csv?limit=5'), 'export');
    const upload = await call(app!.url, '/api/v1/datasets/agri-prices/releases?period=2026-W01', {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'text/csv' },
      body: 'period,city\n',
    });
    expectUnavailable(upload, 'upload');

    const ready = await call(app!.url, '/readyz');
    expect(ready.status).to.equal(503);
    expect(ready.headers.get('retry-after')).to.match(/^[1-9][0-9]*$/);
    assertMatchesSpec('/readyz', 'get', 503, ready.body);

    // Resolvers failing on a schema built before the outage, and a schema that cannot be built.
    for (const [base, what] of [
      [app!.url, 'GraphQL'],
      [fresh!.url, 'GraphQL before its first schema'],
    ] as const) {
      const gql = await graphql(base, '{ agriculturalPrices(first: 1) { nodes { period market } } }');
      expect(gql.status, `${what}: ${JSON.stringify(gql.body)}`).to.equal(503);
      expect(gql.headers.get('retry-after'), what).to.match(/^[1-9][0-9]*$/);
      expect(gql.body.errors[0].extensions, what).to.include({
        code: 'SERVICE_UNAVAILABLE',
        errorCode: 'database_unavailable',
      });
    }
  });

  it('serves again once the database is back, with no restart', async () => {
    await proxy.up();
    const rows = await call(app!.url, ROWS);
    expect(rows.status, JSON.stringify(rows.body)).to.equal(200);
    expect(rows.body.data).to.have.length(2);
    expect((await call(app!.url, '/readyz')).status).to.equal(200);
    for (const base of [app!.url, fresh!.url]) {
      const gql = await graphql(base, GRAPHQL_ROWS);
      expect(gql.status, JSON.stringify(gql.body)).to.equal(200);
      expect(gql.body.data.agriculturalPrices.nodes).to.have.length(2);
    }
  });

  it('answers 503 when the connection dies while a statement is on the wire', async () => {
    const sent = proxy.hold();
    const pending = call(app!.url, '/api/v1/datasets/agri-prices/rows?limit=3&city=140200');
    await sent;
    await proxy.down();
    expectUnavailable(await pending, 'rows mid-statement');
    await proxy.up();
    expect((await call(app!.url, ROWS)).status).to.equal(200);
  });
});

describe('an upload whose database connection is killed mid-COPY (PostgreSQL server only)', function () {
  this.timeout(120_000);
  let admin: pg.Client | undefined;

  before(async function () {
    if (!onServer) this.skip();
    await testServer();
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });

  after(async () => {
    await admin?.end();
  });

  /** The backend running this database's COPY … FROM STDIN, once the upload has opened it. */
  async function copyBackend(): Promise<number> {
    for (let i = 0; i < 200; i++) {
      const { rows } = await admin!.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND query LIKE 'COPY %FROM STDIN%'`,
      );
      if (rows[0]) return rows[0].pid;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the upload never opened its COPY');
  }

  it('rolls back, stores no release and no rows, and answers 503 database_unavailable', async () => {
    const id = await createTinyDataset(
      'killed',
      [
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } },
      ],
      ['period', 'city'],
    );
    const { url } = await testServer();
    const lines = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `2026-01,城市${from + i},${i}.5\n`).join('');

    const req = http.request(`${url}/api/v1/datasets/${id}/releases?period=2026-01`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    });
    req.on('error', () => undefined);
    const response = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>(
      (resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }),
          );
        });
        req.on('error', reject);
      },
    );
    req.write('period,city,value\n' + lines(0, 1000));
    const pid = await copyBackend();
    const killed = await admin!.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(killed.rows[0]!.ok).to.equal(true);
    req.end(lines(1000, 5000));

    const res = await response;
    expect(res.status, JSON.stringify(res.body)).to.equal(503);
    expect(res.headers['retry-after']).to.match(/^[1-9][0-9]*$/);
    expect(res.body.error.code).to.equal('database_unavailable');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 503, res.body);

    const stored = await admin!.query<{ n: string }>(
      'SELECT count(*) AS n FROM releases WHERE dataset_id = $1',
      [id],
    );
    expect(Number(stored.rows[0]!.n)).to.equal(0);
    const rows = await call(url, `/api/v1/datasets/${id}/rows?include_total=true&limit=1`);
    expect(rows.body.meta.total).to.equal(0);
    const audit = await call(url, `/api/v1/admin/audit?dataset=${id}`, { headers: adminHeaders() });
    expect(audit.body.data[0]).to.include({ action: 'release.publish', outcome: 'rejected' });
    expect(audit.body.data[0].detail).to.deep.equal({
      code: 'database_unavailable',
      target: `POST /api/v1/datasets/${id}/releases`,
    });

    // The pool replaced the dead connection: the same upload now goes through.
    const again = await call(url, `/api/v1/datasets/${id}/releases?period=2026-01`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'text/csv' },
      body: 'period,city,value\n' + lines(0, 10),
    });
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body.data.rowCount).to.equal(10);
  });
});
