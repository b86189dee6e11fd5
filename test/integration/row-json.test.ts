import { expect } from 'chai';
import { datasetFieldName } from '../../src/graphql/names';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, EVERY_TYPE, publishTiny, type TinyField } from '../support/tiny-dataset';

const FIELDS: TinyField[] = [
  ...EVERY_TYPE,
  { name: 'note', type: 'string', title: { zh: '备注', en: 'Note' } },
];

/** Text a hand-made JSON writer gets wrong: quotes, backslashes, controls, non-BMP, markup. */
const TRICKY = '他说："好" \\ 路径\\n\t制表\n换行\u0001控制 😀 </script><!--';

const EXPECTED = [
  {
    period: '2024-01',
    market: '太原河西市场',
    stalls: 12,
    price: 23.5,
    organic: true,
    sampled_on: '2024-01-05',
    harvest_year: 2023,
    harvest_month: '2023-11',
    note: TRICKY,
  },
  {
    period: '2024-01',
    market: '大同市场',
    stalls: -3,
    price: 0.000123,
    organic: false,
    sampled_on: null,
    harvest_year: null,
    harvest_month: null,
    note: null,
  },
  {
    period: '2024-01',
    market: '长治市场',
    stalls: 1234567890123,
    price: -1234567.5,
    organic: null,
    sampled_on: '2023-12-31',
    harvest_year: 1999,
    harvest_month: '1999-02',
    note: '',
  },
];

describe('a page of rows is typed JSON', function () {
  this.timeout(120_000);
  let id: string;

  before(async () => {
    await testServer();
    id = await createTinyDataset('rowjson', FIELDS, ['period', 'market']);
    await publishTiny(id, '2024-01', [
      { ...strings(EXPECTED[0]!), price: '23.50' },
      {
        ...strings(EXPECTED[1]!),
        price: '1.23e-4',
        sampled_on: 'NA',
        harvest_year: 'NA',
        harvest_month: 'NA',
        note: 'NA',
      },
      { ...strings(EXPECTED[2]!), organic: 'NA' },
    ]);
  });

  it('answers every type as its JSON type, text exactly as uploaded and missing values as null', async () => {
    const res = await getJson(`/api/v1/datasets/${id}/rows?sort=-stalls`);
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal([EXPECTED[2], EXPECTED[0], EXPECTED[1]]);
    expect(res.body.meta.count).to.equal(3);
  });

  it('gives the same rows for a field subset, with labels and on GraphQL', async () => {
    const subset = await getJson(`/api/v1/datasets/${id}/rows?fields=note,stalls&sort=stalls`);
    expect(subset.body.data).to.deep.equal(
      [EXPECTED[1]!, EXPECTED[0]!, EXPECTED[2]!].map((r) => ({ note: r.note, stalls: r.stalls })),
    );
    const labelled = await getJson(`/api/v1/datasets/${id}/rows?labels=true&sort=stalls`);
    expect(labelled.status).to.equal(200);
    expect(labelled.body.data.map((r: { note: unknown }) => r.note)).to.deep.equal([null, TRICKY, '']);
    const root = datasetFieldName({ id, graphqlName: null });
    const gql = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ ${root}(orderBy: [STALLS_ASC]) { nodes { market stalls price organic sampledOn harvestYear harvestMonth note } } }`,
      }),
    });
    expect(gql.body.errors).to.equal(undefined);
    expect(
      gql.body.data[root].nodes.map((n: { note: unknown; price: unknown }) => [n.note, n.price]),
    ).to.deep.equal([EXPECTED[1]!, EXPECTED[0]!, EXPECTED[2]!].map((r) => [r.note, r.price]));
  });

  it('pages through the rows by cursor without skipping or repeating one', async () => {
    const seen: string[] = [];
    let url: string | null = `/api/v1/datasets/${id}/rows?limit=1&sort=-price`;
    while (url) {
      const page: { body: { data: Array<{ market: string }>; links: { next: string | null } } } =
        await getJson(url);
      seen.push(...page.body.data.map((r) => r.market));
      url = page.body.links.next;
    }
    expect(seen).to.deep.equal(['太原河西市场', '大同市场', '长治市场']);
  });
});

function strings(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? 'NA' : String(v)]));
}
