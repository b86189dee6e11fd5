import { expect } from 'chai';
import http from 'node:http';
import net from 'node:net';
import { startAppServer } from '../support/app-server';
import { isolatedDatabase, startChildServer, type ChildServer } from '../support/child-server';
import { weeklyDatasetBody } from '../support/dataset-body';
import { assertMatchesSpec } from '../support/openapi';

const ADMIN = 'shutdown-admin';
const auth = { authorization: `Bearer ${ADMIN}` };
const rows = (period: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${period},城市${from + i},${i}.5\n`).join('');

async function call(base: string, method: string, p: string, body?: unknown) {
  const res = await fetch(base + p, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * An upload whose body the test sends piece by piece. `Expect: 100-continue` makes the
 * server say when it holds the request (Node answers 100 as it hands the request to the
 * app), so a signal sent afterwards finds the upload in flight, with no guessing.
 */
function slowUpload(base: string, period: string) {
  const req = http.request(`${base}/api/v1/datasets/drain-test/releases?period=${period}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv', expect: '100-continue' },
  });
  const accepted = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { req, accepted, response };
}

function refusesConnections(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

function exitCode(server: ChildServer): Promise<number | null> {
  if (server.child.exitCode !== null) return Promise.resolve(server.child.exitCode);
  return new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
}

describe('SIGTERM: a graceful shutdown', function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let server: ChildServer | undefined;
  let drop: (() => void) | undefined;

  before(async () => {
    const db = isolatedDatabase('shutdown');
    drop = db.drop;
    env = { ...db.env, ADMIN_TOKEN: ADMIN, SEED_ON_START: 'false' };
    server = await startChildServer({ ...env, SHUTDOWN_GRACE_MS: '60000' });
    const agency = { id: 'drain-agency', name: { zh: '测试厅', en: 'Test' } };
    expect((await call(server.url, 'POST', '/api/v1/agencies', agency)).status).to.equal(201);
    const dataset = weeklyDatasetBody('drain-test', 'drain-agency', '停机测试', 'Shutdown test');
    expect((await call(server.url, 'POST', '/api/v1/datasets', dataset)).status).to.equal(201);
    const schema = await call(server.url, 'POST', '/api/v1/datasets/drain-test/schema/versions', {
      fields: [
        { name: 'period', type: 'period', periodKind: 'week', title: { zh: '统计周', en: 'Week' } },
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' } },
      ],
      primaryKey: ['period', 'city'],
    });
    expect(schema.status).to.equal(201);
  });

  after(async () => {
    await server?.kill('SIGKILL');
    drop?.();
  });

  it('refuses new connections, finishes the upload in flight (201), and exits 0', async () => {
    const upload = slowUpload(server!.url, '2026-W10');
    await upload.accepted;
    upload.req.write('period,city,price\n' + rows('2026-W10', 0, 500));
    const exited = exitCode(server!);
    server!.child.kill('SIGTERM');

    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      refused = await refusesConnections(server!.url);
      if (!refused) await new Promise((r) => setTimeout(r, 25));
    }
    expect(refused, 'a new connection is refused while the upload is in flight').to.equal(true);
    expect(server!.child.exitCode, 'still running while the upload is in flight').to.equal(null);

    upload.req.end(rows('2026-W10', 500, 2000));
    const res = await upload.response;
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.data.rowCount).to.equal(2000);
    expect(await exited).to.equal(0);

    // The release was committed before the process left.
    server = await startChildServer(env);
    const releases = await call(server.url, 'GET', '/api/v1/datasets/drain-test/releases');
    expect(releases.body.data.map((r: { period: { id: string } }) => r.period.id)).to.deep.equal([
      '2026-W10',
    ]);
  });

  it('exits 1 when a request is still in flight once SHUTDOWN_GRACE_MS has passed', async () => {
    await server?.kill('SIGTERM');
    server = await startChildServer({ ...env, SHUTDOWN_GRACE_MS: '300' });
    const upload = slowUpload(server.url, '2026-W11');
    upload.response.catch(() => undefined); // the connection is cut
    await upload.accepted;
    upload.req.write('period,city,price\n' + rows('2026-W11', 0, 10));
    const exited = exitCode(server);
    server.child.kill('SIGTERM');
    expect(await exited).to.equal(1);
    upload.req.destroy();
  });
});

describe('/readyz while draining', () => {
  it('answers 503 draining, so load balancers stop sending new work', async () => {
    const app = await startAppServer({}, { draining: () => true });
    try {
      const res = await fetch(`${app.url}/readyz`);
      const body = await res.json();
      expect(res.status).to.equal(503);
      expect(body).to.include({ status: 'draining' });
      assertMatchesSpec('/readyz', 'get', 503, body);
      expect((await fetch(`${app.url}/healthz`)).status, 'still alive').to.equal(200);
    } finally {
      await app.close();
    }
  });
});
