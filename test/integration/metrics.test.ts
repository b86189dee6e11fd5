import { expect } from 'chai';
import { startAppServer, type AppServer } from '../support/app-server';
import { adminHeaders } from '../support/auth';
import { find, parsePrometheus, type Sample } from '../support/prometheus';
import { createTinyDataset } from '../support/tiny-dataset';

const ROWS = '/api/v1/datasets/:datasetId/rows';

describe('Prometheus metrics at /metrics', function () {
  this.timeout(120_000);
  let app: AppServer | undefined;
  let datasetId: string;

  before(async () => {
    datasetId = await createTinyDataset(
      'metrics',
      [{ name: 'city', type: 'string', title: { zh: '城市', en: 'City' } }],
      ['period', 'city'],
    );
    // A server of its own, so its registry counts only this file's requests.
    app = await startAppServer();
  });

  after(async () => {
    await app?.close();
  });

  async function call(path: string, init: RequestInit = {}) {
    const res = await fetch(app!.url + path, init);
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  const graphql = (query: string) =>
    call('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  const upload = (period: string, csv: string) =>
    call(`/api/v1/datasets/${datasetId}/releases?period=${period}`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'text/csv' },
      body: csv,
    });

  async function scrape(): Promise<{ samples: Sample[]; types: Map<string, string> }> {
    const res = await call('/metrics');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(res.body.toString('utf8'));
  }

  it('counts and times requests per route template, pools, uploads, exports, GraphQL operations and cache hits', async () => {
    for (const q of ['?limit=1', '?limit=2&city=140100', '?limit=1&period[gte]=2020-W01']) {
      expect((await call(`/api/v1/datasets/agri-prices/rows${q}`)).status).to.equal(200);
    }
    expect((await call('/api/v1/datasets/land-prices/rows?limit=1')).status).to.equal(200);
    expect((await call('/api/v1/datasets/no-such-dataset/rows')).status).to.equal(404);
    const exported = await call('/api/v1/datasets/agri-prices/export.csv?city=140100&limit=500', {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(exported.status).to.equal(200);
    const query = 'query Prices { agriculturalPrices(first: 3) { nodes { period avgPrice } } }';
    expect((await graphql(query)).status).to.equal(200);
    expect((await graphql(query)).headers.get('x-graphql-cache')).to.equal('hit');
    expect(
      (await upload('2026-01', 'period,city\n2026-01,太原\n2026-01,大同\n2026-01,阳泉\n')).status,
    ).to.equal(201);
    expect((await upload('2026-02', 'period,city\n2026-03,太原\n')).status).to.equal(400);

    const { samples, types } = await scrape();
    const one = (name: string, labels: Record<string, string>) => {
      const found = find(samples, name, labels);
      expect(found, `${name} ${JSON.stringify(labels)}`).to.have.length(1);
      return found[0]!.value;
    };

    expect(types.get('opendata_http_request_duration_seconds')).to.equal('histogram');
    const rows = { method: 'GET', route: `/api/v1/datasets/:datasetId/rows`, status: '200' };
    expect(one('opendata_http_request_duration_seconds_count', rows)).to.equal(4);
    expect(one('opendata_http_request_duration_seconds_bucket', { ...rows, le: '+Inf' })).to.equal(4);
    expect(one('opendata_http_request_duration_seconds_sum', rows)).to.be.greaterThan(0).and.below(60);
    expect(one('opendata_http_request_duration_seconds_count', { route: ROWS, status: '404' })).to.equal(1);
    // Buckets only grow, and no series carries a raw URL.
    const buckets = find(samples, 'opendata_http_request_duration_seconds_bucket', rows).map((s) => s.value);
    expect(buckets).to.deep.equal([...buckets].sort((a, b) => a - b));
    const routes = new Set(
      find(samples, 'opendata_http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    for (const route of routes) expect(route, route).to.not.match(/agri-prices|land-prices|no-such|\?/);

    for (const pool of new Set(find(samples, 'opendata_db_pool_connections').map((s) => s.labels.pool))) {
      for (const state of ['in_use', 'idle', 'waiting']) {
        const n = one('opendata_db_pool_connections', { pool: pool!, state });
        expect(Number.isInteger(n) && n >= 0, `${pool} ${state} ${n}`).to.equal(true);
      }
    }
    expect(find(samples, 'opendata_db_pool_connections', { pool: 'write' })).to.have.length(3);
    expect(
      one('opendata_db_pool_connections', { pool: 'write', state: 'idle' }) +
        one('opendata_db_pool_connections', { pool: 'write', state: 'in_use' }),
    ).to.be.greaterThan(0);

    expect(one('opendata_upload_rows_total', {})).to.equal(3);
    expect(one('opendata_uploads_rejected_total', { code: 'validation_failed' })).to.equal(1);
    expect(one('opendata_export_bytes_total', { format: 'csv' })).to.equal(exported.body.length);
    expect(one('opendata_graphql_operations_total', { operation: 'Prices', type: 'query' })).to.equal(2);
    expect(one('opendata_cache_lookups_total', { cache: 'graphql_response', result: 'hit' })).to.equal(1);
    expect(one('opendata_cache_lookups_total', { cache: 'graphql_response', result: 'miss' })).to.equal(1);
    expect(one('process_resident_memory_bytes', {})).to.be.greaterThan(10 * 1024 * 1024);
  });

  it('keeps GraphQL operation names bounded: past 200 distinct names, the rest count as other', async () => {
    await graphql('{ datasets(first: 1) { totalCount } }');
    for (let i = 0; i < 205; i++) {
      expect((await graphql(`query Probe${i} { datasets(first: 1) { totalCount } }`)).status).to.equal(200);
    }
    const { samples } = await scrape();
    const ops = find(samples, 'opendata_graphql_operations_total');
    expect(find(samples, 'opendata_graphql_operations_total', { operation: 'anonymous' })).to.have.length(1);
    expect(ops.length).to.be.at.most(202); // 200 names, anonymous, other
    expect(
      find(samples, 'opendata_graphql_operations_total', { operation: 'other' })[0]?.value,
    ).to.be.at.least(5);
  });
});
