import { expect } from 'chai';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

interface Listed {
  id: string;
  title: { zh: string; en: string };
}

const search = (query: string) => getJson(`/api/v1/datasets?limit=500&${query}`);

describe('catalogue search that ranks and reaches values', function () {
  this.timeout(120_000);
  before(() => testServer());

  it('ranks datasets with the words in their title first', async () => {
    const r = await search(`q=${encodeURIComponent('财政')}`);
    assertMatchesSpec('/api/v1/datasets', 'get', 200, r.body);
    const items = r.body.data as Listed[];
    expect(items.length).to.be.greaterThan(1);
    const inTitle = items.map((d) => d.title.zh.includes('财政'));
    expect(inTitle[0]).to.equal(true);
    // Every title match comes before every dataset that matched elsewhere.
    expect(inTitle.indexOf(false) === -1 || inTitle.lastIndexOf(true) < inTitle.indexOf(false)).to.equal(
      true,
    );
  });

  it('finds a dataset by the values its fields hold: 猪肉 finds the weekly prices', async () => {
    const r = await search(`q=${encodeURIComponent('猪肉')}`);
    expect((r.body.data as Listed[]).map((d) => d.id)).to.include('agri-prices');
  });

  it('counts every match by agency, theme, cadence and status, as the filters would', async () => {
    const q = `q=${encodeURIComponent('价格')}`;
    const r = await search(q);
    const { facets, total } = r.body.meta;
    expect(total).to.be.greaterThan(0);
    for (const name of ['cadence', 'status'] as const) {
      expect(
        facets[name].reduce((n: number, f: { count: number }) => n + f.count, 0),
        name,
      ).to.equal(total);
    }
    for (const { value, count } of facets.cadence) {
      expect((await search(`${q}&cadence=${value}`)).body.meta.total, value).to.equal(count);
    }
    for (const { value, count } of facets.agency) {
      expect((await search(`${q}&agency=${value}`)).body.meta.total, value).to.equal(count);
    }
    const counts = facets.theme.map((f: { count: number }) => f.count);
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
  });
});
