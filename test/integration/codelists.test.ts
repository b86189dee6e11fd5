import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { GB2260 } from '../../src/codelists';
import { adminHeaders } from '../support/auth';
import { ckanPost, expectCkanError } from '../support/ckan';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const ROWS = '/api/v1/datasets/{datasetId}/rows';
const rowsPath = (query: string) => `/api/v1/datasets/agri-prices/rows?${query}`;
const json = (body: unknown) => ({
  method: 'POST',
  headers: { ...adminHeaders(), 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function gql(query: string) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { data: res.body.data, errors: res.body.errors as any[] | undefined };
}

function expectMiss(res: { status: number; body: any }, field: string, suggestion: string | null) {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).to.equal(400);
  expect(res.body.error.code).to.equal('filter_value_not_allowed');
  expect(res.body.error.details.parameter).to.match(new RegExp(`^${field}`));
  expect(res.body.error.details.suggestion?.value ?? null).to.equal(suggestion);
  return res.body.error.details;
}

describe('code lists and clear misses (issue 11 §7)', () => {
  before(async function () {
    // The first test of a run starts and seeds the shared server.
    this.timeout(600_000);
    await testServer();
  });

  describe('GET /api/v1/codelists', () => {
    it('lists GB/T 2260 and the catalog lists, each with its size and links', async () => {
      const res = await getJson('/api/v1/codelists');
      expect(res.status).to.equal(200);
      assertMatchesSpec('/api/v1/codelists', 'get', 200, res.body);
      const byName = new Map((res.body.data as any[]).map((l) => [l.name, l]));
      expect([...byName.keys()]).to.include.members(['gb2260', 'agencies', 'cadences', 'dataset-statuses']);
      expect(byName.get('gb2260').count).to.equal(12);
      const agencies = await getJson('/api/v1/agencies');
      expect(byName.get('agencies').count).to.equal(agencies.body.meta.total);
    });

    it('serves GB/T 2260: the province and its 11 cities with Chinese and English names', async () => {
      const res = await getJson('/api/v1/codelists/gb2260');
      expect(res.status).to.equal(200);
      assertMatchesSpec('/api/v1/codelists/{name}', 'get', 200, res.body);
      const codes = res.body.data.codes as Array<{ code: string; name: { zh: string; en: string } }>;
      expect(codes.map((c) => c.code)).to.deep.equal([
        '140000', '140100', '140200', '140300', '140400', '140500',
        '140600', '140700', '140800', '140900', '141000', '141100',
      ]); // prettier-ignore
      expect(codes[0]!.name).to.deep.equal({ zh: '山西省', en: 'Shanxi Province' });
      expect(codes[1]!.name).to.deep.equal({ zh: '太原市', en: 'Taiyuan' });
      expect(codes[11]!.name).to.deep.equal({ zh: '吕梁市', en: 'Lüliang' });
    });

    it('answers 304 to a client that already holds the list, and serves it as CSV with a Chinese header', async () => {
      const first = await getJson('/api/v1/codelists/agencies');
      const etag = first.headers.get('etag');
      expect(etag).to.match(/^"[\w-]+"$/);
      const again = await getJson('/api/v1/codelists/agencies', { headers: { 'if-none-match': etag! } });
      expect(again.status).to.equal(304);

      const csv = await getJson('/api/v1/codelists/gb2260.csv');
      expect(csv.status).to.equal(200);
      expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
      const records = parse(csv.body as string) as string[][];
      expect(records[0]).to.deep.equal(['代码', '中文名称', '英文名称']);
      expect(records.slice(1)).to.deep.equal(GB2260.entries.map((e) => [e.code, e.name.zh, e.name.en]));
    });

    it('names the lists there are when asked for one that does not exist', async () => {
      const res = await getJson('/api/v1/codelists/gb2261');
      expect(res.status).to.equal(404);
      assertMatchesSpec('/api/v1/codelists/{name}', 'get', 404, res.body);
      expect(res.body.error.code).to.equal('codelist_not_found');
      expect(res.body.error.details.allowed).to.include('gb2260');
    });
  });

  describe('labels in the Table Schema', () => {
    it('publishes the city field with its code list and each code’s names as categories', async () => {
      const res = await getJson('/api/v1/datasets/agri-prices/schema');
      const city = (res.body.data.schema.fields as any[]).find((f) => f.name === 'city');
      expect(city['x-codelist']).to.equal('gb2260');
      expect(city.categories).to.have.length(11);
      expect(city.categories[0]).to.deep.equal({ value: '140100', label: '太原市', 'x-label-en': 'Taiyuan' });
      const region = (
        await getJson('/api/v1/datasets/fiscal-revenue-expenditure/schema')
      ).body.data.schema.fields.find((f: any) => f.name === 'region');
      expect(region.categories.map((c: any) => c.label)).to.include('山西省');
    });

    it('refuses at registration a code list that does not exist, or codes the list lacks, naming the field', async () => {
      const id = await createTinyDataset('codelist-ref', [], ['period']);
      const base = { name: 'city', type: 'string', title: { zh: '城市代码', en: 'City code' } };
      const period = {
        name: 'period',
        type: 'period',
        periodKind: 'month',
        title: { zh: '月份', en: 'Month' },
      };
      const post = (city: object) =>
        getJson(
          `/api/v1/datasets/${id}/schema/versions`,
          json({ fields: [period, city], primaryKey: ['period'], missingValues: ['NA'] }),
        );

      const unknown = await post({ ...base, 'x-codelist': 'gb9999', constraints: { enum: ['140100'] } });
      expect(unknown.status).to.equal(400);
      const issue = (unknown.body.error.details as any[]).find((i) => i.path.endsWith('x-codelist'));
      expect(issue.path).to.equal('$.fields[1].x-codelist');
      expect(issue.message).to.contain('gb2260');

      const stray = await post({
        ...base,
        'x-codelist': 'gb2260',
        constraints: { enum: ['140100', '999999'] },
      });
      expect(stray.status).to.equal(400);
      expect(JSON.stringify(stray.body.error.details)).to.contain('999999');

      const ok = await post({ ...base, 'x-codelist': 'gb2260', constraints: { enum: ['140100', '140200'] } });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
      const published = (await getJson(`/api/v1/datasets/${id}/schema`)).body.data.schema.fields[1];
      expect(published.categories.map((c: any) => c['x-label-en'])).to.deep.equal(['Taiyuan', 'Datong']);
      // A dataset like any other: its coded field takes uploads and reads back with names.
      await publishTiny(id, '2024-01', [{ city: '140200' }]);
      const read = await getJson(`/api/v1/datasets/${id}/rows?labels=true`);
      expect(read.body.data).to.deep.equal([
        { period: '2024-01', city: '140200', city_name_zh: '大同市', city_name_en: 'Datong' },
      ]);
    });
  });

  describe('clear misses on data filters', () => {
    for (const term of ['太原', '太原市', 'Taiyuan', ' taiyuan ']) {
      it(`answers city=${term} with a 400 that suggests 140100 (太原市) and lists the 11 cities`, async () => {
        const res = await getJson(rowsPath(`city=${encodeURIComponent(term)}`));
        assertMatchesSpec(ROWS, 'get', 400, res.body);
        const details = expectMiss(res, 'city', '140100');
        expect(details.field).to.equal('city');
        expect(details.codelist).to.equal('gb2260');
        expect(details.suggestion).to.deep.include({ label: { zh: '太原市', en: 'Taiyuan' }, match: 'name' });
        expect(details.allowed).to.have.length(11).and.include('141100');
        expect(details.allowedCount).to.equal(11);
        expect(res.body.error.messages.zh).to.contain('140100').and.contain('太原市');
      });
    }

    it('checks every value of an IN list and suggests by spelling where there is no code list', async () => {
      expectMiss(await getJson(rowsPath(`city=140100,${encodeURIComponent('大同')}`)), 'city', '140200');
      const pork = expectMiss(
        await getJson(rowsPath(`product=${encodeURIComponent('猪')}`)),
        'product',
        '猪肉',
      );
      expect(pork.suggestion.match).to.equal('partial');
      expect(pork.codelist).to.equal(undefined);
      const exact = await getJson(rowsPath('city=140100&limit=5'));
      expect(exact.status).to.equal(200);
      expect(exact.body.data).to.have.length(5);
    });

    it('answers the same miss on GraphQL, naming the field and the suggestion', async () => {
      const r = await gql(
        `{ agriculturalPrices(filter: { city: { eq: "太原" } }, first: 1) { nodes { city } } }`,
      );
      expect(r.errors).to.have.length(1);
      const ext = r.errors![0].extensions;
      expect(ext.code).to.equal('BAD_USER_INPUT');
      expect(ext.errorCode).to.equal('filter_value_not_allowed');
      expect(ext.details.field).to.equal('city');
      expect(ext.details.suggestion.value).to.equal('140100');
    });

    it('answers the same miss on CKAN datastore_search', async () => {
      const res = await ckanPost('datastore_search', {
        resource_id: 'agri-prices',
        filters: { city: '太原' },
      });
      expectCkanError(res, 409, 'Validation Error', 'filter_value_not_allowed');
      expect(res.body.error.details.suggestion.value).to.equal('140100');
    });
  });

  describe('clear misses on the catalog', () => {
    it('answers agency=nope with a 400 listing the agency ids', async () => {
      const res = await getJson('/api/v1/datasets?agency=nope');
      assertMatchesSpec('/api/v1/datasets', 'get', 400, res.body);
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('filter_value_not_allowed');
      expect(res.body.error.details.parameter).to.equal('agency');
      expect(res.body.error.details.allowed).to.include('sx-agriculture').and.include('sx-environment');
      expect(res.body.error.details.codelist).to.equal('agencies');
    });

    it('suggests sx-environment for agency=省环保厅, on REST and GraphQL', async () => {
      const res = await getJson(`/api/v1/datasets?agency=${encodeURIComponent('省环保厅')}`);
      expect(res.status).to.equal(400);
      expect(res.body.error.details.suggestion).to.deep.include({ value: 'sx-environment', match: 'name' });
      const r = await gql(`{ datasets(agency: "省环保厅") { totalCount } }`);
      expect(r.errors![0].extensions.details.suggestion.value).to.equal('sx-environment');
      const known = await getJson('/api/v1/datasets?agency=sx-environment');
      expect(known.status).to.equal(200);
      expect(known.body.meta.total).to.be.greaterThan(0);
    });
  });

  describe('labels=true', () => {
    it('adds city_name_zh and city_name_en right after city on rows, from the code list', async () => {
      const res = await getJson(rowsPath('labels=true&fields=period,city,avg_price&limit=50'));
      expect(res.status).to.equal(200);
      assertMatchesSpec(ROWS, 'get', 200, res.body);
      for (const row of res.body.data as any[]) {
        expect(Object.keys(row)).to.deep.equal([
          'period',
          'city',
          'city_name_zh',
          'city_name_en',
          'avg_price',
        ]);
        const entry = GB2260.entries.find((e) => e.code === row.city)!;
        expect([row.city_name_zh, row.city_name_en]).to.deep.equal([entry.name.zh, entry.name.en]);
      }
      expect(res.body.meta.labelColumns.map((c: any) => c.name)).to.deep.equal([
        'city_name_zh',
        'city_name_en',
      ]);
      const plain = await getJson(rowsPath('fields=period,city&limit=1'));
      expect(Object.keys(plain.body.data[0])).to.deep.equal(['period', 'city']);
    });

    it('adds the name columns to CSV exports, with Chinese header titles', async () => {
      const res = await getJson(
        '/api/v1/datasets/agri-prices/export.csv?labels=true&header=zh&fields=city,product&city=140100,141100&period=2023-W01',
      );
      expect(res.status).to.equal(200);
      const records = parse(res.body as string) as string[][];
      expect(records[0]).to.deep.equal(['城市代码', '城市名称', '城市英文名称', '品种']);
      const cities = new Set(records.slice(1).map((r) => r.slice(0, 3).join('|')));
      expect([...cities].sort()).to.deep.equal(['140100|太原市|Taiyuan', '141100|吕梁市|Lüliang']);
    });

    it('adds the name keys to JSON exports', async () => {
      const res = await getJson(
        '/api/v1/datasets/agri-prices/export.json?labels=true&fields=city&city=140500&period=2023-W01',
      );
      expect(res.status).to.equal(200);
      expect(res.body).to.be.an('array').that.is.not.empty;
      for (const row of res.body as any[]) {
        expect(row).to.deep.equal({ city: '140500', city_name_zh: '晋城市', city_name_en: 'Jincheng' });
      }
    });
  });
});
