import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { invalidateDatasetSnapshot } from '../../src/catalog';
import { bearer } from '../support/auth';
import { checkDataPackage } from '../support/data-package-check';
import { download } from '../support/download';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Prices with every kind of cell a data.csv must carry faithfully: quotes, commas, Chinese, missing values. */
const FIELDS = [
  { name: 'city', type: 'string', title: { zh: '城市', en: 'City' }, constraints: { required: true } },
  { name: 'product', type: 'string', title: { zh: '品种', en: 'Product' } },
  {
    name: 'price',
    type: 'number',
    title: { zh: '价格', en: 'Price' },
    unit: '元/公斤',
    constraints: { minimum: 0 },
  },
  { name: 'stalls', type: 'integer', title: { zh: '摊位数', en: 'Stalls' } },
  { name: 'organic', type: 'boolean', title: { zh: '有机', en: 'Organic' } },
  { name: 'checked_on', type: 'date', title: { zh: '核查日期', en: 'Checked on' } },
];
const ROWS = [
  {
    city: '太原市',
    product: '大白菜',
    price: '1.20',
    stalls: '12',
    organic: 'true',
    checked_on: '2021-05-31',
  },
  { city: '大同市', product: '土豆, "黄心"', price: '2.5', stalls: 'NA', organic: 'false', checked_on: 'NA' },
  { city: '运城市', product: '', price: '0', stalls: '3', organic: 'NA', checked_on: '2021-05-30' },
];

describe('Frictionless Data Packages (datapackage.json)', function () {
  this.timeout(180_000);
  let id = '';
  let base = '';

  before(async function () {
    // The shared server seeds the whole catalog when this file runs first.
    this.timeout(600_000);
    await testServer();
    id = await createTinyDataset('pkg', FIELDS, ['period', 'city'], ['NA'], {
      themes: ['农业'],
    });
    base = `/api/v1/datasets/${id}`;
    await publishTiny(id, '2021-05', ROWS);
    await publishTiny(id, '2021-06', ROWS.slice(0, 2));
    await publishTiny(
      id,
      '2021-05',
      ROWS.map((r) => ({ ...r, price: r.price === '0' ? '0.10' : r.price })),
      { reviseReason: '更正运城价格' },
    );
    // Embargoed for an hour: never part of any package meanwhile.
    await publishTiny(id, '2021-07', ROWS, { publishAt: new Date(Date.now() + 3_600_000) });
    await publishTiny(id, '2021-06', ROWS, {
      reviseReason: '补报太原',
      publishAt: new Date(Date.now() + 3_600_000),
    });
  });

  it('stores each release’s sha256 and size as those of its exact data.csv bytes', async () => {
    const { db } = await testServer();
    const stored = await db
      .knex('releases')
      .where({ dataset_id: id })
      .where('publish_at', '<=', new Date())
      .select('period', 'revision', 'sha256', 'byte_count');
    expect(stored).to.have.length(3);
    for (const r of stored) {
      const file = await download(`${base}/releases/${r.period}/data.csv?revision=${r.revision}`);
      expect(file.status).to.equal(200);
      expect(sha256(file.body), `${r.period} r${r.revision}`).to.equal(r.sha256);
      expect(Number(r.byte_count), `${r.period} r${r.revision}`).to.equal(file.body.length);
    }
  });

  it('describes every public period (its newest revision) as a valid tabular data package', async () => {
    const res = await getJson(`${base}/datapackage.json`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/datapackage.json', 'get', 200, res.body);
    const pkg = res.body;
    expect(pkg).to.include({
      profile: 'tabular-data-package',
      name: id,
      title: '测试数据',
      version: '1.0.0',
    });
    expect(pkg.licenses[0]).to.include({ name: 'CC-BY-4.0' });
    expect(pkg.contributors[0]).to.include({ title: '测试厅', role: 'publisher' });
    expect(pkg.sources[0]).to.include({ title: '测试厅' });
    expect(pkg.keywords).to.include('农业');
    expect(pkg['x-current-schema'].schema.fields.map((f: { name: string }) => f.name)).to.deep.equal([
      'period',
      ...FIELDS.map((f) => f.name),
    ]);

    const { body: listed } = await getJson(`${base}/releases`);
    const newest = (period: string) =>
      listed.data.find((r: any) => r.period.id === period && r.status === 'published');
    // Embargoed: 2021-07 entirely, and 2021-06's revision 2; 2021-05's revision 2 replaces revision 1.
    expect(pkg.resources.map((r: any) => [r['x-period'], r['x-revision']])).to.deep.equal([
      ['2021-05', 2],
      ['2021-06', 1],
    ]);
    for (const r of pkg.resources) {
      expect(r).to.include({ format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' });
      expect(r.profile).to.equal('tabular-data-resource');
      expect(r.hash).to.equal(`sha256:${newest(r['x-period']).sha256}`);
      expect(r.path).to.match(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/datasets\/.+\/data\.csv\?revision=\d$/);
      expect(r.title).to.contain('2021年');
      expect(r.schema.primaryKey).to.deep.equal(['period', 'city']);
    }
    expect(JSON.stringify(pkg)).not.to.contain('2021-07');

    const files = await checkDataPackage(pkg);
    const may = files.get(pkg.resources[0].name)!.toString('utf8');
    expect(may).to.contain('"土豆, ""黄心"""');
    expect(may).to.contain('0.10');
  });

  it('packages one release, honouring revision= as its data.csv does', async () => {
    const newest = await getJson(`${base}/releases/2021-05/datapackage.json`);
    expect(newest.status).to.equal(200);
    assertMatchesSpec(
      '/api/v1/datasets/{datasetId}/releases/{period}/datapackage.json',
      'get',
      200,
      newest.body,
    );
    expect(newest.body.resources).to.have.length(1);
    expect(newest.body.resources[0]['x-revision']).to.equal(2);
    const first = await getJson(`${base}/releases/2021-05/datapackage.json?revision=1`);
    expect(first.body.resources[0]['x-revision']).to.equal(1);
    expect(first.body.resources[0].hash).not.to.equal(newest.body.resources[0].hash);
    expect(first.body.name).to.equal(`${id}.2021-05.r1`);
    const files = await checkDataPackage(first.body);
    const direct = await download(`${base}/releases/2021-05/data.csv?revision=1`);
    expect(files.get(first.body.resources[0].name)).to.deep.equal(direct.body);

    // An embargoed release and an embargoed revision are not there, exactly as their files are not.
    for (const path of [
      `${base}/releases/2021-07/datapackage.json`,
      `${base}/releases/2021-06/datapackage.json?revision=2`,
    ]) {
      const res = await getJson(path);
      expect(res.status, path).to.equal(404);
      expect(res.body.error.code).to.equal('release_not_found');
      assertMatchesSpec(
        '/api/v1/datasets/{datasetId}/releases/{period}/datapackage.json',
        'get',
        404,
        res.body,
      );
    }
    const june = await getJson(`${base}/releases/2021-06/datapackage.json`);
    expect(june.body.resources[0]['x-revision']).to.equal(1);
    const bad = await getJson(`${base}/releases/2021-05/datapackage.json?revision=0`);
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.parameter).to.equal('revision');
  });

  it('measures a release published before sizes were stored once, from its data.csv, and keeps it', async () => {
    const { db } = await testServer();
    await db.knex('releases').where({ dataset_id: id }).update({ byte_count: null });
    // As a server started after the migration would: no cached snapshot holds the old sizes.
    invalidateDatasetSnapshot(db.knex, id);
    const res = await getJson(`${base}/datapackage.json`);
    expect(res.status).to.equal(200);
    await checkDataPackage(res.body);
    const stored = await db
      .knex('releases')
      .where({ dataset_id: id })
      .whereNotNull('byte_count')
      .select('period', 'revision', 'byte_count');
    expect(stored.map((r) => `${r.period} r${r.revision} ${Number(r.byte_count)}`).sort()).to.deep.equal(
      res.body.resources.map((r: any) => `${r['x-period']} r${r['x-revision']} ${r.bytes}`).sort(),
    );
  });

  it('answers a conditional request with 304, and a dataset with no public release with 404', async () => {
    const first = await getJson(`${base}/datapackage.json`);
    const etag = first.headers.get('etag')!;
    expect(etag).to.match(/^"/);
    const again = await getJson(`${base}/datapackage.json`, { headers: { 'if-none-match': etag } });
    expect(again.status).to.equal(304);

    const empty = await createTinyDataset('pkg-empty', FIELDS, ['period', 'city']);
    const none = await getJson(`/api/v1/datasets/${empty}/datapackage.json`);
    expect(none.status).to.equal(404);
    expect(none.body.error.code).to.equal('no_published_release');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/datapackage.json', 'get', 404, none.body);
    const unknown = await getJson(`/api/v1/datasets/no-such-dataset/datapackage.json`);
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('dataset_not_found');
  });

  it('drops a withdrawn revision: the period falls back to the one before, and its own package is gone (410)', async () => {
    const withdrawn = await getJson(`${base}/releases/2021-05/withdrawal?revision=2`, {
      method: 'POST',
      headers: { ...(await bearer('test-agency')), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '数据有误，撤回' }),
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.be.oneOf([200, 201]);
    const pkg = await getJson(`${base}/datapackage.json`);
    expect(pkg.body.resources.map((r: any) => [r['x-period'], r['x-revision']])).to.deep.equal([
      ['2021-05', 1],
      ['2021-06', 1],
    ]);
    await checkDataPackage(pkg.body);
    const gone = await getJson(`${base}/releases/2021-05/datapackage.json?revision=2`);
    expect(gone.status).to.equal(410);
    expect(gone.body.error.code).to.equal('release_withdrawn');
    const current = await getJson(`${base}/releases/2021-05/datapackage.json`);
    expect(current.body.resources[0]['x-revision']).to.equal(1);
    // Its feed entry goes too: an enclosure that answers 410 is no news to follow.
    const feed = await getJson(`/feeds/datasets/${id}.atom`);
    expect(feed.body).to.contain('/releases/2021-05/data.csv?revision=1');
    expect(feed.body).not.to.contain('/releases/2021-05/data.csv?revision=2');
  });

  it('validates the newest release of every seeded dataset, data included, against the official profiles', async () => {
    const { body } = await getJson('/api/v1/datasets?limit=500');
    const published = body.data.filter((d: any) => d.releaseCount > 0 && d.sample);
    expect(published.length).to.be.greaterThan(3);
    for (const d of published) {
      const res = await getJson(
        `/api/v1/datasets/${d.id}/releases/${d.periodRange.last.id}/datapackage.json`,
      );
      expect(res.status, d.id).to.equal(200);
      await checkDataPackage(res.body);
    }
  });
});
