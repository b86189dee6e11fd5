import { expect } from 'chai';
import { datasetFieldName } from '../../src/graphql/names';
import { FIELD_TYPE_RULES, type FieldType } from '../../src/schemas';
import { getJson } from '../support/server';
import { createTinyDataset, EVERY_TYPE, publishTiny } from '../support/tiny-dataset';

const FIELDS = EVERY_TYPE;
const TYPES: Record<string, FieldType> = {
  period: 'period',
  ...Object.fromEntries(FIELDS.map((f) => [f.name, f.type as FieldType])),
};

async function gql(query: string) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return res.body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** The GraphQL filter input of each field of the dataset, waiting for the schema to follow the catalog. */
async function graphqlFilterOperators(root: string): Promise<Record<string, string[]>> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const r = await gql(
      `{ __schema { queryType { fields { name args { name type { name inputFields { name type { name } } } } } } } }`,
    );
    const field = r.data?.__schema.queryType.fields.find((f: { name: string }) => f.name === root);
    if (field) {
      const filter = field.args.find((a: { name: string }) => a.name === 'filter').type;
      const out: Record<string, string[]> = {};
      for (const input of filter.inputFields as Array<{ name: string; type: { name: string } }>) {
        const t = await gql(`{ __type(name: "${input.type.name}") { inputFields { name } } }`);
        out[input.name] = t.data.__type.inputFields.map((f: { name: string }) => f.name);
      }
      return out;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GraphQL never showed ${root}`);
}

describe('one rule per field type, the same on REST and GraphQL', function () {
  this.timeout(600_000);
  let id: string;
  let root: string;

  before(async () => {
    id = await createTinyDataset('ftype', FIELDS, ['period', 'market']);
    root = datasetFieldName({ id, graphqlName: null });
    await publishTiny(id, '2024-01', [
      {
        period: '2024-01',
        market: '太原河西市场',
        stalls: '12',
        price: '23.5',
        organic: 'true',
        sampled_on: '2024-01-05',
        harvest_year: '2023',
        harvest_month: '2023-11',
      },
    ]);
  });

  it('refuses an operator a type does not allow, naming the type and the operators it does', async () => {
    for (const [field, type] of Object.entries(TYPES)) {
      const res = await getJson(`/api/v1/datasets/${id}/rows?${field}[between]=1`);
      expect(res.status, field).to.equal(400);
      expect(res.body.error.code).to.equal('unknown_operator');
      expect(res.body.error.details).to.deep.include({ field, operator: 'between', type });
      expect(res.body.error.details.allowed, field).to.deep.equal([...FIELD_TYPE_RULES[type].operators]);
      // The reader is told what to use instead, in both languages.
      for (const op of FIELD_TYPE_RULES[type].operators) {
        expect(res.body.error.messages.zh, field).to.include(op);
        expect(res.body.error.messages.en, field).to.include(op);
      }
    }
    const range = await getJson(`/api/v1/datasets/${id}/rows?market[gte]=${encodeURIComponent('太原')}`);
    expect(range.body.error).to.deep.include({ code: 'unknown_operator' });
    expect(range.body.error.details.allowed).to.include('contains').and.not.include('gte');
  });

  it('gives each GraphQL filter exactly the operators REST allows for the field’s type', async () => {
    const inputs = await graphqlFilterOperators(root);
    const asRest = (names: string[]) =>
      names.filter((n) => n !== 'latest').map((n) => (n === 'isNull' ? 'null' : n));
    const gqlName = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const [field, type] of Object.entries(TYPES)) {
      const rest = await getJson(`/api/v1/datasets/${id}/rows?${field}[between]=1`);
      expect(asRest(inputs[gqlName(field)] ?? []), field).to.have.members(rest.body.error.details.allowed);
      expect(rest.body.error.details.allowed).to.deep.equal([...FIELD_TYPE_RULES[type].operators]);
    }
    // A range on text is refused by GraphQL too, before any resolver runs.
    const refused = await gql(`{ ${root}(filter: { market: { gte: "太原" } }) { totalCount } }`);
    expect(refused.errors?.[0]?.message).to.match(/gte/);
    const ranged = await gql(`{ ${root}(filter: { harvestMonth: { gte: "2023-10" } }) { totalCount } }`);
    expect(ranged.errors, JSON.stringify(ranged.errors)).to.equal(undefined);
  });

  it('applies filters an allowed operator names, on every type', async () => {
    const cases: Record<string, string> = {
      'market[contains]': '河西',
      'stalls[gte]': '12',
      'price[lt]': '24',
      organic: 'true',
      'sampled_on[lte]': '2024-01-05',
      'harvest_year[gt]': '2022',
      'harvest_month[gte]': '2023-11',
      'period[gte]': '2024-01',
    };
    for (const [key, value] of Object.entries(cases)) {
      const res = await getJson(`/api/v1/datasets/${id}/rows?${key}=${encodeURIComponent(value)}`);
      expect(res.status, key).to.equal(200);
      expect(res.body.data, key).to.have.length(1);
    }
  });

  it('refuses a summary a type does not allow, naming the ones it does', async () => {
    const avgText = await getJson(`/api/v1/datasets/${id}/aggregate?avg=market`);
    expect(avgText.status).to.equal(400);
    expect(avgText.body.error.code).to.equal('invalid_aggregate');
    expect(avgText.body.error.details).to.deep.include({ field: 'market', type: 'string', allowed: [] });
    const avgDate = await getJson(`/api/v1/datasets/${id}/aggregate?sum=sampled_on`);
    expect(avgDate.body.error.details.allowed).to.deep.equal(['min', 'max']);
    const minDate = await getJson(`/api/v1/datasets/${id}/aggregate?min=sampled_on&max=harvest_month`);
    expect(minDate.status).to.equal(200);
    expect(minDate.body.data[0]).to.deep.include({
      min: { sampled_on: '2024-01-05' },
      max: { harvest_month: '2023-11' },
    });
  });
});
