import { expect } from 'chai';
import { isolatedDatabase, startChildServer, type ChildServer } from '../support/child-server';
import { assertMatchesSpec } from '../support/openapi';
import { weeklyDatasetBody } from '../support/dataset-body';

/**
 * UPLOAD_LIMIT_BYTES is read once at start-up, so the limit is tested on a server of its
 * own (the real entry point, on a database of its own) started with a 1 KiB limit.
 */
describe('the upload size limit (UPLOAD_LIMIT_BYTES)', function () {
  this.timeout(120_000);
  const ADMIN = 'upload-limit-admin';
  const LIMIT = 1024;
  const RELEASES = '/api/v1/datasets/{datasetId}/releases';
  const auth = { authorization: `Bearer ${ADMIN}` };
  let server: ChildServer | undefined;
  let drop: (() => void) | undefined;

  const header = 'period,city,price\n';
  const rows = (period: string, n: number) =>
    header +
    Array.from({ length: n }, (_, i) => `${period},城市${String(i).padStart(4, '0')},${i}.5\n`).join('');

  async function call(method: string, p: string, body?: unknown) {
    const res = await fetch(server!.url + p, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function upload(period: string, body: RequestInit['body'], init: RequestInit = {}) {
    const res = await fetch(`${server!.url}/api/v1/datasets/limit-test/releases?period=${period}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body,
      ...init,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function releases() {
    return (await call('GET', '/api/v1/datasets/limit-test/releases')).body.data as unknown[];
  }

  before(async () => {
    const db = isolatedDatabase('upload_limit');
    drop = db.drop;
    server = await startChildServer({
      ...db.env,
      ADMIN_TOKEN: ADMIN,
      SEED_ON_START: 'false',
      UPLOAD_LIMIT_BYTES: String(LIMIT),
    });
    expect(
      (await call('POST', '/api/v1/agencies', { id: 'limit-agency', name: { zh: '测试厅', en: 'Test' } }))
        .status,
    ).to.equal(201);
    const created = await call(
      'POST',
      '/api/v1/datasets',
      weeklyDatasetBody('limit-test', 'limit-agency', '上传限额测试', 'Upload limit test'),
    );
    expect(created.status).to.equal(201);
    const schema = await call('POST', '/api/v1/datasets/limit-test/schema/versions', {
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
    await server?.kill('SIGTERM');
    drop?.();
  });

  it('refuses a body that declares more than the limit with 413 payload_too_large and stores nothing', async () => {
    const body = rows('2026-W10', 100);
    expect(Buffer.byteLength(body)).to.be.within(2 * LIMIT, 4 * LIMIT);
    const res = await upload('2026-W10', body);
    expect(res.status).to.equal(413);
    assertMatchesSpec(RELEASES, 'post', 413, res.body);
    expect(res.body.error.code).to.equal('payload_too_large');
    expect(res.body.error.details).to.deep.equal({ limitBytes: LIMIT });
    expect(await releases()).to.deep.equal([]);

    const audit = await call('GET', '/api/v1/admin/audit?dataset=limit-test');
    expect(audit.body.data[0]).to.include({ action: 'release.publish', outcome: 'rejected' });
    expect(audit.body.data[0].detail).to.deep.equal({
      code: 'payload_too_large',
      target: 'POST /api/v1/datasets/limit-test/releases',
    });
  });

  it('refuses a streamed body without Content-Length once it passes the limit, and stores nothing', async () => {
    const bytes = Buffer.from(rows('2026-W11', 100));
    const parts = [bytes.subarray(0, 600), bytes.subarray(600, 1200), bytes.subarray(1200)];
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = parts.shift();
        if (next === undefined) controller.close();
        else {
          controller.enqueue(next);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    });
    const res = await upload('2026-W11', stream, { duplex: 'half' } as RequestInit);
    expect(res.status).to.equal(413);
    assertMatchesSpec(RELEASES, 'post', 413, res.body);
    expect(res.body.error.code).to.equal('payload_too_large');
    expect(res.body.error.details).to.deep.equal({ limitBytes: LIMIT });
    expect(await releases()).to.deep.equal([]);
  });

  it('still accepts an upload within the limit', async () => {
    const body = rows('2026-W12', 10);
    expect(Buffer.byteLength(body)).to.be.below(LIMIT);
    const res = await upload('2026-W12', body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.data.rowCount).to.equal(10);
  });
});
