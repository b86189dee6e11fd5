import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability';
import { startAppServer, type AppServer } from '../support/app-server';
import { publisherToken } from '../support/auth';
import { TEST_ADMIN_TOKEN } from '../support/server';

/** Every line the logger writes, kept in memory. */
class Capture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  records(): any[] {
    return this.lines.map((l) => JSON.parse(l));
  }
}

describe('structured request logs (pino-http)', function () {
  this.timeout(120_000);
  const sink = new Capture();
  let app: AppServer | undefined;
  let goodToken: string;
  const badToken = 'sxod_not-a-token-but-looks-like-one-123456';

  before(async () => {
    goodToken = await publisherToken('sx-agriculture');
    app = await startAppServer({ LOG_REQUESTS: 'true' }, { logger: createLogger('info', sink) });
  });

  after(async () => {
    await app?.close();
  });

  async function call(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(app!.url + path, { headers });
    await res.arrayBuffer();
    return { status: res.status, requestId: res.headers.get('x-request-id')! };
  }

  /** The line for a request, once the server has written it (it does as the response ends). */
  async function lineFor(requestId: string): Promise<any> {
    for (let i = 0; i < 100; i++) {
      const line = sink.records().find((r) => r.requestId === requestId && r.msg.startsWith('request'));
      if (line) return line;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no log line for ${requestId}`);
  }

  it('writes one JSON line per request with its id, route, status, principal name and duration, and no secret', async () => {
    const good = await call('/api/v1/whoami', { authorization: `Bearer ${goodToken}` });
    const bad = await call('/api/v1/whoami', { authorization: `Bearer ${badToken}` });
    const malformed = await call('/api/v1/whoami', { authorization: `Token ${badToken}` });
    const admin = await call('/api/v1/admin/tokens', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    const rows = await call('/api/v1/datasets/agri-prices/rows?limit=1&city=140100');
    expect([good.status, bad.status, malformed.status, admin.status, rows.status]).to.deep.equal([
      200, 401, 401, 200, 200,
    ]);

    const goodLine = await lineFor(good.requestId);
    expect(goodLine).to.include({
      level: 30,
      route: '/api/v1/whoami',
      status: 200,
      principal: 'test sx-agriculture',
    });
    expect(goodLine.durationMs).to.be.a('number').and.at.least(0);
    expect(goodLine.req).to.deep.equal({
      method: 'GET',
      url: '/api/v1/whoami',
      remoteAddress: goodLine.req.remoteAddress,
    });
    expect(await lineFor(bad.requestId)).to.include({ status: 401, principal: null, level: 40 });
    expect(await lineFor(malformed.requestId)).to.include({ status: 401, principal: null });
    expect(await lineFor(admin.requestId)).to.include({ principal: 'bootstrap admin' });
    expect(await lineFor(rows.requestId)).to.include({
      route: '/api/v1/datasets/:datasetId/rows',
      principal: 'anonymous',
    });

    for (const secret of [goodToken, badToken, TEST_ADMIN_TOKEN, 'Bearer', 'Token sxod']) {
      expect(sink.text, secret).to.not.include(secret);
    }
    expect(sink.text.toLowerCase()).to.not.include('authorization');
  });

  it('labels routes by template, so every dataset and unknown URL shares a bounded set of labels', async () => {
    const a = await call('/api/v1/datasets/agri-prices/schema');
    const b = await call('/API/V1/datasets/land-prices/schema');
    const c = await call('/no/such/page/12345');
    expect((await lineFor(a.requestId)).route).to.equal('/api/v1/datasets/:datasetId/schema');
    expect((await lineFor(b.requestId)).route).to.equal('/api/v1/datasets/:datasetId/schema');
    expect(await lineFor(c.requestId)).to.include({ route: 'unmatched', status: 404 });
  });
});
