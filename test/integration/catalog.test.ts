import { expect } from 'chai';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

const SEVEN = [
  'agri-prices',
  'grain-purchase',
  'land-supply',
  'land-prices',
  'fiscal-revenue-expenditure',
  'water-quality-ranking',
  'food-sampling',
];

describe('catalog REST', function () {
  this.timeout(600_000);
  before(async () => {
    await testServer();
  });

  it('lists the seven sample datasets, each with agency, clause and cadence', async () => {
    const { status, body } = await getJson('/api/v1/datasets?limit=100');
    expect(status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets', 'get', 200, body);
    const ids = body.data.map((d: { id: string }) => d.id);
    expect(ids).to.include.members(SEVEN);
    for (const d of body.data.filter((x: { id: string }) => SEVEN.includes(x.id))) {
      expect(d.agencies.length, d.id).to.be.greaterThan(0);
      expect(d.agencies[0].role).to.equal('lead');
      expect(d.legalBasis).to.equal('晋政办发〔2017〕50号');
      expect(d.clause).to.match(/^[一二三四五六七八]\([一二三四五六七八九十]+\)$/);
      expect(d.cadence).to.be.a('string');
      expect(d.sample).to.equal(true);
      expect(d.sampleNotice.zh).to.contain('示例数据');
    }
  });

  it('reports at least 200,000 rows for the weekly price dataset', async () => {
    const { status, body } = await getJson('/api/v1/datasets/agri-prices');
    expect(status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}', 'get', 200, body);
    expect(body.data.rowCount).to.be.at.least(200_000);
    expect(body.data.cadence).to.equal('weekly');
    expect(body.data.citation).to.equal('晋政办发〔2017〕50号 三(五)');
    expect(body.data.periodRange.first.id).to.equal('2017-W01');
    expect(body.data.periodRange.first.label.zh).to.equal('2017年第1周');
    expect(body.meta.datasetStatus.status).to.equal('active');
  });

  it('finds datasets by Chinese words the default parser cannot segment', async () => {
    const grain = await getJson(`/api/v1/datasets?q=${encodeURIComponent('粮食')}`);
    expect(grain.body.data.map((d: { id: string }) => d.id)).to.include('grain-purchase');
    const land = await getJson(`/api/v1/datasets?q=${encodeURIComponent('地价')}`);
    expect(land.body.data[0].id).to.equal('land-prices');
    const none = await getJson(`/api/v1/datasets?q=${encodeURIComponent('航天飞机')}`);
    expect(none.body.data).to.have.length(0);
    expect(none.body.meta.total).to.equal(0);
  });

  it('searches field titles too (平均价格 is a field of the price dataset)', async () => {
    const { body } = await getJson(`/api/v1/datasets?q=${encodeURIComponent('批发市场')}`);
    expect(body.data.map((d: { id: string }) => d.id)).to.include('agri-prices');
  });

  it('filters by agency, cadence and status and pages with links', async () => {
    const quarterly = await getJson('/api/v1/datasets?cadence=quarterly');
    expect(quarterly.body.data.map((d: { id: string }) => d.id)).to.include.members([
      'land-supply',
      'land-prices',
    ]);
    expect(quarterly.body.data.every((d: { cadence: string }) => d.cadence === 'quarterly')).to.equal(true);
    const byAgency = await getJson('/api/v1/datasets?agency=sx-finance');
    expect(byAgency.body.data.map((d: { id: string }) => d.id)).to.include('fiscal-revenue-expenditure');
    const page = await getJson('/api/v1/datasets?limit=2&offset=0');
    expect(page.body.data).to.have.length(2);
    expect(page.body.links.next).to.contain('offset=2');
    const active = await getJson('/api/v1/datasets?status=active');
    expect(active.status).to.equal(200);
  });

  it('rejects bad list parameters with a 400 that names the parameter', async () => {
    for (const q of [
      'cadence=fortnightly',
      'limit=0',
      'limit=100000',
      'offset=-1',
      'status=gone',
      'limit=abc',
    ]) {
      const { status, body } = await getJson(`/api/v1/datasets?${q}`);
      expect(status, q).to.equal(400);
      assertMatchesSpec('/api/v1/datasets', 'get', 400, body);
      expect(body.error.code).to.equal('invalid_parameter');
      expect(body.error.details.parameter).to.equal(q.split('=')[0]);
    }
  });

  it('answers an unknown dataset with 404 dataset_not_found', async () => {
    const { status, body } = await getJson('/api/v1/datasets/no-such-thing');
    expect(status).to.equal(404);
    assertMatchesSpec('/api/v1/datasets/{datasetId}', 'get', 404, body);
    expect(body.error.code).to.equal('dataset_not_found');
    expect(body.error.details.dataset).to.equal('no-such-thing');
  });

  it('lists agencies and serves one agency', async () => {
    const { body } = await getJson('/api/v1/agencies');
    assertMatchesSpec('/api/v1/agencies', 'get', 200, body);
    const agri = body.data.find((a: { id: string }) => a.id === 'sx-agriculture');
    expect(agri.name.zh).to.contain('农业厅');
    const one = await getJson('/api/v1/agencies/sx-agriculture');
    assertMatchesSpec('/api/v1/agencies/{agencyId}', 'get', 200, one.body);
    const missing = await getJson('/api/v1/agencies/nobody');
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('agency_not_found');
  });

  it('serves the current schema as a Table Schema with units and Chinese titles', async () => {
    const { status, body } = await getJson('/api/v1/datasets/agri-prices/schema');
    expect(status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/schema', 'get', 200, body);
    expect(body.data.version).to.equal(1);
    expect(body.data.semver).to.equal('1.0.0');
    expect(body.data.changeLevel).to.equal('INITIAL');
    const fields = body.data.schema.fields as Array<Record<string, unknown>>;
    expect(fields[0]!['x-type']).to.equal('period');
    expect(body.data.schema.primaryKey).to.include('period');
    const price = fields.find((f) => f.name === 'avg_price')!;
    expect(price.type).to.equal('number');
    expect(JSON.stringify(price)).to.contain('元/公斤');
  });

  it('serves numbered schema versions and rejects bad version numbers', async () => {
    const v1 = await getJson('/api/v1/datasets/land-prices/schema/versions/1');
    expect(v1.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/schema/versions/{version}', 'get', 200, v1.body);
    const list = await getJson('/api/v1/datasets/land-prices/schema/versions');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/schema/versions', 'get', 200, list.body);
    expect(list.body.data).to.have.length.at.least(1);
    const bad = await getJson('/api/v1/datasets/land-prices/schema/versions/abc');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.parameter).to.equal('version');
    const missing = await getJson('/api/v1/datasets/land-prices/schema/versions/99');
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('schema_version_not_found');
  });

  it('lists releases with Chinese period labels, checksums and status', async () => {
    const { status, body } = await getJson('/api/v1/datasets/land-supply/releases');
    expect(status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'get', 200, body);
    const q2 = body.data.find((r: { period: { id: string } }) => r.period.id === '2017-Q2');
    expect(q2.period.label.zh).to.equal('2017年第二季度');
    expect(q2.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(q2.status).to.equal('published');
    expect(q2.revision).to.equal(1);
    expect(q2.rowCount).to.be.greaterThan(0);
  });

  it('filters releases by period and rejects a malformed period', async () => {
    const one = await getJson('/api/v1/datasets/agri-prices/releases?period=2017-W19');
    expect(one.status).to.equal(200);
    expect(one.body.data).to.have.length(1);
    expect(one.body.data[0].period.label.zh).to.equal('2017年第19周');
    const bad = await getJson('/api/v1/datasets/agri-prices/releases?period=2017-W54');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('invalid_period');
    const wrongKind = await getJson('/api/v1/datasets/agri-prices/releases?period=2017-Q2');
    expect(wrongKind.status).to.equal(400);
    expect(wrongKind.body.error.code).to.equal('invalid_period');
  });

  it('answers health and readiness probes', async () => {
    const h = await getJson('/healthz');
    assertMatchesSpec('/healthz', 'get', 200, h.body);
    const r = await getJson('/readyz');
    expect(r.status).to.equal(200);
    assertMatchesSpec('/readyz', 'get', 200, r.body);
    expect(r.body.migrations).to.be.greaterThan(0);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { status, body } = await getJson('/api/v1/nothing-here');
    expect(status).to.equal(404);
    expect(body.error.code).to.equal('route_not_found');
  });
});
