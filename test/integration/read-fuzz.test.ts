import { expect } from 'chai';
import fc from 'fast-check';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

/*
 * Random and hostile values into every read parameter, on REST, CKAN and GraphQL, against a
 * dataset that holds a restricted field and an embargoed release. Whatever arrives, the
 * answer is 2xx or 4xx, comes within a bound, shows no stack or SQL, and holds no row it
 * should not: no restricted value, no embargoed row, and an equality filter's rows equal it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const ANSWER_WITHIN_MS = 15_000;
const SECRET = 'S3CRET-7fq2zx';
const EMBARGOED_CITY = 'EMBARGO-9kd3vw';
const CITIES = ['太原', '大同', "O'Brien", '朔州 '];

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE datasets; --',
    '\u0000',
    '%00',
    '../../../etc/passwd',
    '1e309',
    'NaN',
    '-0',
    '9'.repeat(400),
    '2099-12',
    '2020-01',
    '1900-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'not-a-date',
    '_release_id',
    '_row',
    'ctid',
    'secret',
    'pg_sleep(10)',
    '$1',
    '{"a":1}',
    '[]',
    'period:month',
    'price:desc',
    '-price',
    'city,price',
    'eyJwIjoiMjAyMC0wMSJ9',
    '\ud83d\ude00'.repeat(30),
    'a'.repeat(5000),
    ...CITIES,
  ),
);

const REST_KEYS = [
  'city',
  'price',
  'secret',
  'period',
  'city[in]',
  'city[ne]',
  'city[like]',
  'price[gte]',
  'price[lt]',
  'period[gte]',
  'sort',
  'fields',
  'cursor',
  'asOf',
  'limit',
  'q',
  'include_total',
  'revision',
  'release',
  'schemaVersion',
  'groupBy',
  'count',
  'sum',
  'avg',
  'min',
  'labels',
  'header',
  'bom',
  '_release_id',
  'nope[gt]',
];
const REST_PATHS = ['rows', 'aggregate', 'export.csv', 'export.json', 'export.ndjson'];

const restRequest = fc.record({
  path: fc.constantFrom(...REST_PATHS),
  params: fc.array(fc.tuple(fc.constantFrom(...REST_KEYS), hostile), { maxLength: 4 }),
});

const jsonValue = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
/** Mostly what a client would plausibly send, sometimes anything at all. */
const mostly = <T, U>(plausible: fc.Arbitrary<T>, wild: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: wild });
const city = fc.constantFrom(...CITIES);

const ckanRequest = fc.record(
  {
    filters: mostly(
      fc.dictionary(
        fc.constantFrom('city', 'price', 'period'),
        fc.oneof(city, fc.array(city, { maxLength: 3 }), fc.constantFrom(0.5, 1.5, '2020-01')),
        { maxKeys: 2 },
      ),
      fc.dictionary(
        fc.constantFrom('city', 'price', 'secret', 'period', '_id', 'x'),
        fc.oneof(jsonValue, fc.array(jsonValue, { maxLength: 4 })),
      ),
    ),
    q: mostly(
      fc.oneof(city, fc.record({ city })),
      fc.oneof(hostile, fc.dictionary(fc.constantFrom('city', 'secret'), hostile)),
    ),
    sort: mostly(fc.constantFrom('price desc', 'city', 'city asc, price desc', '_id'), hostile),
    fields: mostly(
      fc.constantFrom(['city'], ['city', 'price'], 'city,price', '_id,city'),
      fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })),
    ),
    limit: mostly(fc.integer({ min: 0, max: 100 }), fc.oneof(fc.integer({ min: -5, max: 40_000 }), hostile)),
    offset: mostly(
      fc.integer({ min: 0, max: 10 }),
      fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), hostile),
    ),
    distinct: mostly(fc.boolean(), hostile),
    include_total: mostly(fc.boolean(), hostile),
    records_format: mostly(fc.constantFrom('objects', 'lists', 'csv', 'tsv'), hostile),
  },
  { requiredKeys: [] },
);

const graphqlVariables = fc.record(
  {
    filter: mostly(
      fc.oneof(
        fc.record({ city: fc.record({ eq: city }) }),
        fc.record({ city: fc.record({ in: fc.array(city, { maxLength: 3 }) }) }),
        fc.record({ price: fc.record({ gt: fc.double({ min: -1, max: 10, noNaN: true }) }) }),
        fc.record({ period: fc.record({ eq: fc.constantFrom('2020-01', '2020-02') }) }),
      ),
      fc.oneof(
        fc.dictionary(
          fc.constantFrom('city', 'price', 'period', 'secret', 'and', 'or'),
          fc.oneof(
            jsonValue,
            fc.dictionary(
              fc.constantFrom('eq', 'in', 'gt', 'lte', 'like', 'ne'),
              fc.oneof(jsonValue, fc.array(jsonValue, { maxLength: 3 })),
            ),
          ),
        ),
        jsonValue,
      ),
    ),
    first: mostly(fc.integer({ min: 0, max: 100 }), fc.oneof(fc.integer({ min: -5, max: 100_000 }), hostile)),
    after: mostly(fc.constant(null), hostile),
    asOf: mostly(
      fc.oneof(
        fc.constant(null),
        fc
          .date({ min: new Date('2019-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      ),
      hostile,
    ),
  },
  { requiredKeys: [] },
);

/** Texts of the server's internals: a stack frame, a file path, PostgreSQL's own words. */
const INTERNALS = [
  /\n\s+at [^\n]+\(/,
  /node_modules/,
  /\/work\//,
  /syntax error at or near/i,
  /relation "[^"]+" does not exist/i,
  /column "[^"]+" does not exist/i,
  /datastore\."/,
  /invalid input syntax for/i,
  /SQLSTATE/,
];

/** How many answers of each class a property saw: a fuzzer that only ever gets 400s tests nothing. */
type Tally = { ok: number; refused: number };
const tally = (): Tally => ({ ok: 0, refused: 0 });
function count(t: Tally, status: number): void {
  if (status < 300) t.ok += 1;
  else t.refused += 1;
}
function expectBothKinds(t: Tally, what: string): void {
  const total = t.ok + t.refused;
  expect(t.ok, `${what}: answered ${t.ok} of ${total}`).to.be.at.least(total / 10);
  expect(t.refused, `${what}: refused ${t.refused} of ${total}`).to.be.at.least(total / 10);
}

function expectClean(status: number, body: string, sent: string[], what: string): void {
  expect(status, `${what} → ${status}: ${body.slice(0, 300)}`).to.be.below(500);
  // An error may quote what the client sent; only what is left over counts.
  let rest = body;
  for (const s of sent)
    if (s.length >= 3) rest = rest.split(JSON.stringify(s).slice(1, -1)).join('').split(s).join('');
  for (const re of INTERNALS) expect(rest, `${what} shows ${re}`).not.to.match(re);
  expect(body, `${what} leaks the restricted value`).not.to.contain(SECRET);
  expect(body, `${what} shows an embargoed row`).not.to.contain(EMBARGOED_CITY);
}

describe('random and hostile read parameters on REST, CKAN and GraphQL', function () {
  this.timeout(600_000);
  let id: string;
  let graphqlRoot: string;
  let filterType: string;

  before(async () => {
    id = await createTinyDataset(
      'fuzz',
      [
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' }, unit: '元' },
        {
          name: 'secret',
          type: 'string',
          title: { zh: '内部编号', en: 'Internal number' },
          disclosure: 'restricted',
        },
      ],
      ['period', 'city'],
    );
    await publishTiny(
      id,
      '2020-01',
      CITIES.map((city, i) => ({ city, price: String(i + 0.5), secret: SECRET })),
    );
    await publishTiny(id, '2020-02', [{ city: EMBARGOED_CITY, price: '999', secret: SECRET }], {
      publishAt: new Date(Date.now() + 365 * 86_400_000),
    });
    for (let i = 0; i < 50; i++) {
      const res = await getJson('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ dataset(id: "${id}") { graphqlField } }` }),
      });
      graphqlRoot = res.body.data?.dataset?.graphqlField;
      if (graphqlRoot) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(graphqlRoot, 'the dataset’s GraphQL root field').to.be.a('string');
    const root = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __type(name: "Query") { fields { name args { name type { name } } } } }',
      }),
    });
    const field = (
      root.body.data.__type.fields as Array<{
        name: string;
        args: Array<{ name: string; type: { name: string } }>;
      }>
    ).find((f) => f.name === graphqlRoot);
    filterType = field!.args.find((a) => a.name === 'filter')!.type.name;
  });

  async function fetchText(path: string, init: RequestInit = {}) {
    const { url } = await testServer();
    const res = await fetch(url + path, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    return { status: res.status, body: await res.text() };
  }

  it('REST rows, aggregates and exports', async () => {
    const seen = tally();
    await fc.assert(
      fc.asyncProperty(restRequest, async ({ path, params }) => {
        const qs = new URLSearchParams(params).toString();
        const where = `GET /${path}?${qs}`.slice(0, 300);
        const res = await fetchText(`/api/v1/datasets/${id}/${path}?${qs}`);
        expectClean(
          res.status,
          res.body,
          params.map(([, v]) => v),
          where,
        );
        const eq = params.filter(([k]) => k === 'city');
        if (path === 'rows' && res.status === 200 && eq.length === 1) {
          for (const row of JSON.parse(res.body).data as Array<{ city?: string }>) {
            if (row.city !== undefined) expect(row.city, where).to.equal(eq[0]![1]);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expectBothKinds(seen, 'REST');
  });

  it('CKAN datastore_search, as GET and as a JSON POST', async () => {
    const seen = tally();
    const resources = (await getJson(`/api/3/action/package_show?id=${id}`)).body.result.resources as Array<{
      id: string;
    }>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...resources.map((r) => r.id)),
        ckanRequest,
        fc.boolean(),
        async (resourceId, args, post) => {
          const body = { resource_id: resourceId, ...args };
          const sent = JSON.stringify(body);
          const res = post
            ? await fetchText('/api/action/datastore_search', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: sent,
              })
            : await fetchText(
                `/api/3/action/datastore_search?${new URLSearchParams(
                  Object.entries(body).map(([k, v]): [string, string] => [
                    k,
                    typeof v === 'string' ? v : JSON.stringify(v),
                  ]),
                ).toString()}`,
              );
          const strings =
            JSON.stringify(args)
              .match(/"(?:[^"\\]|\\.)*"/g)
              ?.map((s) => JSON.parse(s) as string) ?? [];
          expectClean(res.status, res.body, strings, `datastore_search ${sent.slice(0, 300)}`);
          count(seen, res.status);
        },
      ),
      { numRuns: RUNS },
    );
    expectBothKinds(seen, 'CKAN');
  });

  it('GraphQL variables into filters, paging and asOf', async () => {
    const seen = tally();
    const query = `query F($filter: ${filterType}, $first: Int, $after: String, $asOf: DateTime) {
      ${graphqlRoot}(filter: $filter, first: $first, after: $after, asOf: $asOf) { totalCount nodes { city price } }
    }`;
    await fc.assert(
      fc.asyncProperty(graphqlVariables, async (variables) => {
        const sent = JSON.stringify(variables);
        const res = await fetchText('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        const strings = sent.match(/"(?:[^"\\]|\\.)*"/g)?.map((s) => JSON.parse(s) as string) ?? [];
        expectClean(res.status, res.body, strings, `GraphQL ${sent.slice(0, 300)}`);
        count(seen, res.status === 200 && !res.body.includes('"errors"') ? 200 : 400);
      }),
      { numRuns: RUNS },
    );
    expectBothKinds(seen, 'GraphQL');
  });
});
