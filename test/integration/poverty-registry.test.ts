import { expect } from 'chai';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { SAMPLE_POVERTY_ID_NUMBERS, SAMPLE_POVERTY_NAMES } from '../../seeds/sample';

/**
 * 一(四) 建档立卡贫困人口名单 under the 负面清单: the household head's name and ID number are
 * stored with every row, and no way of reading the platform may ever return them.
 */
const ID = 'poverty-registry';
const BASE = `/api/v1/datasets/${ID}`;
const NAMES = new Set(SAMPLE_POVERTY_NAMES);
const RESTRICTED_WORDS = [
  'head_name',
  'head_id_number',
  'headName',
  'headIdNumber',
  '户主姓名',
  '户主身份证号',
];

/** Nothing in the text may be a restricted word or one of the synthetic ID numbers. */
function expectNoRestrictedText(text: string, where: string) {
  for (const word of RESTRICTED_WORDS) expect(text, `${where} mentions ${word}`).to.not.contain(word);
  for (const id of SAMPLE_POVERTY_ID_NUMBERS) expect(text, `${where} leaks an ID number`).to.not.contain(id);
}

/** No cell of any row may hold a household head's name. */
function expectNoNames(cells: unknown[], where: string) {
  const leaked = cells.filter((c) => typeof c === 'string' && NAMES.has(c));
  expect(leaked, where).to.deep.equal([]);
}

/** The body as text, whatever its type (NDJSON is not one JSON document). */
async function getText(pathAndQuery: string): Promise<{ status: number; text: string }> {
  const res = await fetch((await testServer()).url + pathAndQuery);
  return { status: res.status, text: await res.text() };
}

const csvCells = (text: string) => text.split(/\r?\n/).flatMap((line) => line.split(','));

describe('poverty-registry: household heads are never served', function () {
  this.timeout(600_000);
  before(() => testServer());

  it('is published with its public fields only', async () => {
    const { status, body } = await getJson(`${BASE}/schema`);
    expect(status).to.equal(200);
    const names = body.data.schema.fields.map((f: { name: string }) => f.name);
    expect(names).to.include.members(['county', 'village', 'household_no', 'household_size', 'status']);
    expectNoRestrictedText(JSON.stringify(body), 'schema');
    const dataset = await getJson(BASE);
    expect(dataset.body.data.releaseCount).to.equal(3);
    expect(dataset.body.data.rowCount).to.be.within(200, 600);
  });

  it('leaves the names and ID numbers out of every row', async () => {
    const res = await getJson(`${BASE}/rows?limit=10000&include_total=true`);
    expect(res.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 200, res.body);
    expect(res.body.data.length).to.equal(res.body.meta.total).and.to.be.greaterThan(200);
    for (const row of res.body.data) expect(row).to.not.have.any.keys('head_name', 'head_id_number');
    expectNoNames(
      res.body.data.flatMap((r: Record<string, unknown>) => Object.values(r)),
      'rows',
    );
    expectNoRestrictedText(JSON.stringify(res.body), 'rows');
  });

  it('leaves them out of every export format and the release download', async () => {
    for (const format of ['csv', 'tsv', 'json', 'ndjson']) {
      const { status, text } = await getText(`${BASE}/export.${format}?header=zh`);
      expect(status, format).to.equal(200);
      expect(text.length, format).to.be.greaterThan(10_000);
      expectNoRestrictedText(text, `export.${format}`);
      expectNoNames(csvCells(text.replace(/[\t"{}[\]:]/g, ',')), `export.${format}`);
    }
    const release = await getText(`${BASE}/releases/2019/data.csv`);
    expect(release.status).to.equal(200);
    expect(release.text.split('\n')[0]).to.equal(
      'period,county,township,village,household_no,household_size,main_cause,status,exit_year',
    );
    expectNoRestrictedText(release.text, 'data.csv');
    expectNoNames(csvCells(release.text), 'data.csv');
  });

  it('treats the restricted fields as unknown to filters, sorting, grouping and search', async () => {
    const name = SAMPLE_POVERTY_NAMES[0]!;
    const queries = [
      `head_name=${encodeURIComponent(name)}`,
      'head_id_number[null]=false',
      'fields=period,head_name',
      'sort=head_name',
    ];
    for (const q of queries) {
      const res = await getJson(`${BASE}/rows?${q}`);
      expect(res.status, q).to.equal(400);
      expect(res.body.error.code, q).to.equal('unknown_field');
    }
    const grouped = await getJson(`${BASE}/aggregate?groupBy=head_name&count`);
    expect(grouped.status).to.equal(400);
    expect(grouped.body.error.code).to.equal('unknown_field');
    const searched = await getJson(`${BASE}/rows?q=${encodeURIComponent(name)}&include_total=true`);
    expect(searched.status).to.equal(200);
    expect(searched.body.meta.total).to.equal(0);
    const catalogue = await getJson(`/api/v1/datasets?q=${encodeURIComponent(name)}`);
    expect(catalogue.body.data.map((d: { id: string }) => d.id)).to.not.include(ID);
  });

  it('has no GraphQL field for them', async () => {
    const post = (query: string) =>
      getJson('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    const type = await post('{ __type(name: "PovertyRegistration") { fields { name } } }');
    const fields = type.body.data.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).to.include.members(['county', 'village', 'householdNo', 'status']);
    expectNoRestrictedText(JSON.stringify(fields), 'GraphQL type');
    const rows = await post(
      '{ povertyRegistrations(first: 1000) { totalCount nodes { village householdNo } } }',
    );
    expect(rows.body.errors).to.equal(undefined);
    expect(rows.body.data.povertyRegistrations.totalCount).to.be.greaterThan(200);
    const probe = await post('{ povertyRegistrations { nodes { headName } } }');
    expect(probe.body.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
  });
});
