import { expect } from 'chai';
import { bearer } from '../support/auth';
import { AGRI_HEADER, AGRI_ROWS } from '../support/fixtures';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

const han = /\p{Script=Han}/u;

describe('errors speak Chinese first, with English alongside', function () {
  this.timeout(120_000);
  before(() => testServer());

  it('answers in Chinese unless the client prefers English, and always carries both', async () => {
    const zh = await getJson('/api/v1/datasets/no-such-dataset');
    expect(zh.status).to.equal(404);
    expect(zh.body.error.code).to.equal('dataset_not_found');
    expect(zh.body.error.message).to.match(han);
    expect(zh.body.error.messages.zh).to.equal(zh.body.error.message);
    expect(zh.body.error.messages.en).not.to.match(han);
    assertMatchesSpec('/api/v1/datasets/{datasetId}', 'get', 404, zh.body);

    const en = await getJson('/api/v1/datasets/no-such-dataset', {
      headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' },
    });
    expect(en.body.error.message).to.equal(zh.body.error.messages.en);
    const zhFirst = await getJson('/api/v1/datasets/no-such-dataset', {
      headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
    });
    expect(zhFirst.body.error.message).to.equal(zh.body.error.messages.zh);
  });

  it('names the parameter at fault in the Chinese message too', async () => {
    const r = await getJson('/api/v1/datasets/agri-prices/rows?limit=0');
    expect(r.body.error.code).to.equal('invalid_parameter');
    expect(r.body.error.messages.zh).to.include('limit');
  });

  it('explains each row error of an upload report in Chinese and English', async () => {
    const bad = AGRI_ROWS.map((r) => r.replace('2026-W48', '2009-W40'));
    bad[1] = bad[1]!.replace(/,[\d.]+,/, ',abc,');
    const res = await getJson('/api/v1/datasets/agri-prices/releases?period=2009-W40', {
      method: 'POST',
      headers: { ...(await bearer('sx-agriculture')), 'content-type': 'text/csv' },
      body: `${AGRI_HEADER}\n${bad.join('\n')}\n`,
    });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('validation_failed');
    expect(res.body.error.message).to.match(han);
    const [first] = res.body.error.details.errors;
    expect(first.messages.zh).to.match(han);
    expect(first.messages.en).to.equal(first.message);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 400, res.body);
  });

  it('carries both languages in GraphQL error extensions', async () => {
    const r = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dataset(id: "no-such-dataset") { id } }' }),
    });
    const ext = r.body.errors[0].extensions;
    expect(ext.errorCode).to.equal('dataset_not_found');
    expect(ext.messages.zh).to.match(han);
    expect(ext.messages.en).to.equal(r.body.errors[0].message);
  });
});
