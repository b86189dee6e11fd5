import { expect } from 'chai';
import { invalidateDatasetSnapshot } from '../../src/catalog';
import { getJson, testServer } from '../support/server';

/** POST /graphql; fails the test on transport errors, returns data and errors. */
async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, data: res.body.data, errors: res.body.errors as any[] | undefined };
}

async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await gql(query, variables);
  expect(r.errors, JSON.stringify(r.errors)).to.equal(undefined);
  expect(r.status).to.equal(200);
  return r.data;
}

const PORK = `query Pork($first: Int, $after: String) {
  agriculturalPrices(
    filter: {
      product: { eq: "猪肉" }
      city: { in: ["140100", "140200"] }
      period: { gte: "2023-W01", lte: "2023-W52" }
    }
    first: $first
    after: $after
  ) {
    totalCount
    totalCountExact
    edges { cursor node { period city market avgPrice } }
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
    meta { dataVersion schemaVersion citation datasetStatus }
  }
}`;
const PORK_REST =
  '/api/v1/datasets/agri-prices/rows?product=猪肉&city=140100,140200&period[gte]=2023-W01&period[lte]=2023-W52';

const rowKey = (r: Record<string, unknown>) => `${r.period}|${r.city}|${r.market}`;

describe('GraphQL: the journalist’s questions', function () {
  this.timeout(300_000);
  before(() => testServer());

  it('weekly pork prices in 太原 vs 大同 through 2023, counted exactly as REST counts them', async () => {
    const data = await ok(PORK, { first: 500 });
    const conn = data.agriculturalPrices;
    const rest = await getJson(`${encodeURI(PORK_REST)}&include_total=true&limit=1000`);
    expect(rest.status).to.equal(200);
    expect(conn.totalCount).to.equal(rest.body.meta.total).and.to.be.greaterThan(0);
    expect(conn.totalCountExact).to.equal(true);
    expect(conn.meta.dataVersion).to.equal(rest.body.meta.dataVersion);
    expect(conn.meta.citation).to.include('晋政办发〔2017〕50号');
    const nodes = conn.edges.map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.city))).to.deep.equal(new Set(['140100', '140200']));
    expect(nodes.every((n: any) => n.period >= '2023-W01' && n.period <= '2023-W52')).to.equal(true);
    expect(nodes.map(rowKey)).to.deep.equal(rest.body.data.map(rowKey));
    expect(nodes.map((n: any) => n.avgPrice)).to.deep.equal(rest.body.data.map((r: any) => r.avg_price));
    expect(typeof nodes[0].avgPrice).to.equal('number');
  });

  it('walks the pages with after/endCursor without gaps or repeats', async () => {
    const rest = await getJson(`${encodeURI(PORK_REST)}&limit=1000`);
    const all = rest.body.data.map(rowKey);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const conn: any = (await ok(PORK, { first: 37, after })).agriculturalPrices;
      seen.push(...conn.edges.map((e: any) => rowKey(e.node)));
      expect(conn.pageInfo.hasPreviousPage).to.equal(after !== null);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).to.deep.equal(all);
  });

  it('tells whether more rows follow when a query selects nodes and hasNextPage but no cursor', async () => {
    const total = (await ok(PORK, { first: 1 })).agriculturalPrices.totalCount as number;
    const NODES_ONLY = `query($first: Int) { agriculturalPrices(
      filter: { product: { eq: "猪肉" }, city: { in: ["140100", "140200"] }, period: { gte: "2023-W01", lte: "2023-W52" } }
      first: $first) { nodes { period city market } pageInfo { hasNextPage } } }`;
    const cut = (await ok(NODES_ONLY, { first: total - 1 })).agriculturalPrices;
    expect(cut.nodes).to.have.length(total - 1);
    expect(cut.pageInfo.hasNextPage).to.equal(true);
    const whole = (await ok(NODES_ONLY, { first: total })).agriculturalPrices;
    expect(whole.nodes).to.have.length(total);
    expect(whole.pageInfo.hasNextPage).to.equal(false);
    const withCursors = (await ok(PORK, { first: total - 1 })).agriculturalPrices;
    expect(cut.nodes.map(rowKey)).to.deep.equal(withCursors.edges.map((e: any) => rowKey(e.node)));
  });

  it('resumes after any edge’s cursor, not only the last one', async () => {
    const first = (await ok(PORK, { first: 20 })).agriculturalPrices;
    const next = (await ok(PORK, { first: 5, after: first.edges[9].cursor })).agriculturalPrices;
    expect(next.edges.map((e: any) => rowKey(e.node))).to.deep.equal(
      first.edges.slice(10, 15).map((e: any) => rowKey(e.node)),
    );
    const last = (await ok(PORK, { first: 1000 })).agriculturalPrices;
    const end = (await ok(PORK, { first: 5, after: last.edges[last.edges.length - 1].cursor }))
      .agriculturalPrices;
    expect(end.edges).to.deep.equal([]);
    expect(end.pageInfo.hasNextPage).to.equal(false);
  });

  it('worst cities for water quality 2017–2024: RANK_DESC and the 最差 flag agree', async () => {
    const data = await ok(`{
      byRank: waterQualityRankings(filter: { period: { gte: "2017", lte: "2024" } }, orderBy: [PERIOD_ASC, RANK_DESC], first: 200) {
        nodes { period city rank index flag }
      }
      flagged: waterQualityRankings(filter: { period: { gte: "2017", lte: "2024" }, flag: { eq: "最差" } }, orderBy: [PERIOD_ASC, RANK_DESC]) {
        totalCount
        nodes { period city rank }
      }
    }`);
    const flagged = data.flagged.nodes;
    expect(data.flagged.totalCount).to.equal(8 * 3);
    const worstPerYear = new Map<string, any[]>();
    for (const n of data.byRank.nodes) {
      const list = worstPerYear.get(n.period) ?? [];
      if (list.length < 3) list.push(n);
      worstPerYear.set(n.period, list);
    }
    expect([...worstPerYear.keys()]).to.deep.equal([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
    ]);
    const top3 = [...worstPerYear.values()].flat().map((n) => `${n.period}|${n.city}|${n.rank}`);
    expect(flagged.map((n: any) => `${n.period}|${n.city}|${n.rank}`)).to.deep.equal(top3);
    expect(Number.isInteger(flagged[0].rank)).to.equal(true);
  });

  it('failing food samples grouped by producer, as REST aggregates them', async () => {
    const data = await ok(`{
      foodSamplingResultsAggregate(groupBy: [PRODUCER], filter: { result: { eq: "不合格" } }, first: 10000) {
        keys { producer result }
        count
        avg { measuredValue }
        max { period measuredValue }
      }
    }`);
    const groups = data.foodSamplingResultsAggregate;
    const rest = await getJson(
      `/api/v1/datasets/food-sampling/aggregate?groupBy=producer&count&result=${encodeURIComponent('不合格')}&limit=10000`,
    );
    expect(rest.status).to.equal(200);
    expect(groups.length).to.equal(rest.body.data.length).and.to.be.greaterThan(1);
    expect(groups.map((g: any) => [g.keys.producer, g.count])).to.deep.equal(
      rest.body.data.map((g: any) => [g.keys.producer, g.count]),
    );
    expect(groups[0].keys.result).to.equal(null);
    expect(groups.every((g: any) => /^\d{4}-\d{2}$/.test(g.max.period))).to.equal(true);
    const total = await getJson(
      `/api/v1/datasets/food-sampling/rows?result=${encodeURIComponent('不合格')}&include_total=true&limit=1`,
    );
    expect(groups.reduce((n: number, g: any) => n + g.count, 0)).to.equal(total.body.meta.total);
  });

  it('aggregates numbers with avg/sum/min/max and warns when groups are cut off', async () => {
    const r = await gql(`{
      landSupplyAggregate(groupBy: [LAND_USE], filter: { period: { gte: "2020-Q1", lte: "2020-Q4" } }, first: 2) {
        keys { landUse } count sum { area parcels } min { parcels period } max { value }
      }
    }`);
    expect(r.errors).to.equal(undefined);
    const groups = r.data.landSupplyAggregate;
    expect(groups).to.have.length(2);
    expect(groups[0].sum.area).to.be.a('number');
    expect(groups[0].min.period).to.match(/^2020-Q[1-4]$/);
    const res = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ landSupplyAggregate(groupBy: [LAND_USE], first: 2) { count } }' }),
    });
    expect(res.body.extensions.warnings[0]).to.include('only the first 2 groups');
  });

  it('finds the grain purchase dataset by searching 粮食', async () => {
    const data = await ok(
      '{ datasets(search: "粮食") { totalCount nodes { id graphqlField title { zh } } } }',
    );
    const ids = data.datasets.nodes.map((n: any) => n.id);
    expect(ids).to.include('grain-purchase');
    expect(data.datasets.nodes.find((n: any) => n.id === 'grain-purchase').graphqlField).to.equal(
      'grainPurchaseProgress',
    );
  });

  it('shows a dataset’s status mark, legal basis, schema and releases', async () => {
    const data = await ok(`{
      dataset(id: "agri-prices") {
        id legalBasis clause citation cadence periodKind sample graphqlField
        status { status label date reason }
        agencies { id name { zh en } }
        currentSchema { version semver fields { name graphqlName type unit role title { zh en } } }
        releases(first: 2) { totalCount nodes { period { id label { zh en } } revision rowCount sha256 status publishedAt } }
        periodRange { first { id } last { id } }
      }
    }`);
    const d = data.dataset;
    expect(d.status).to.deep.equal({ status: 'ACTIVE', label: '有效', date: null, reason: null });
    expect(d.legalBasis).to.equal('晋政办发〔2017〕50号');
    expect(d.citation).to.equal(`${d.legalBasis} ${d.clause}`);
    expect(d.cadence).to.equal('WEEKLY');
    expect(d.graphqlField).to.equal('agriculturalPrices');
    expect(d.agencies[0].id).to.equal('sx-agriculture');
    const avg = d.currentSchema.fields.find((f: any) => f.name === 'avg_price');
    expect(avg).to.include({ graphqlName: 'avgPrice', type: 'NUMBER', unit: '元/公斤', role: 'MEASURE' });
    const rel = d.releases.nodes[0];
    expect(rel.period.id).to.equal('2017-W01');
    expect(rel.period.label.zh).to.equal('2017年第1周');
    expect(rel.sha256).to.match(/^[0-9a-f]{64}$/);
    const rest = await getJson('/api/v1/datasets/agri-prices/releases');
    expect(d.releases.totalCount).to.equal(rest.body.data.length);
  });

  it('lists datasets as a Relay connection with filters, and agencies with their datasets', async () => {
    const page1 = (
      await ok('{ datasets(first: 4) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }')
    ).datasets;
    expect(page1.nodes).to.have.length(4);
    expect(page1.pageInfo.hasNextPage).to.equal(true);
    const page2 = (
      await ok(
        'query($a: String) { datasets(first: 100, after: $a) { pageInfo { hasNextPage } nodes { id } } }',
        {
          a: page1.pageInfo.endCursor,
        },
      )
    ).datasets;
    expect(page2.pageInfo.hasNextPage).to.equal(false);
    expect(page1.nodes.length + page2.nodes.length).to.equal(page1.totalCount);
    const weekly = await ok(
      '{ datasets(cadence: WEEKLY, agency: "sx-agriculture") { nodes { id cadence } } }',
    );
    expect(weekly.datasets.nodes.map((n: any) => n.id)).to.include('agri-prices');
    const agencies = await ok('{ agencies { id datasets { id } } }');
    const agri = agencies.agencies.find((a: any) => a.id === 'sx-agriculture');
    expect(agri.datasets.map((d: any) => d.id)).to.include('agri-prices');
  });

  it('answers releases and schema versions of many datasets in a few statements, not one per dataset', async () => {
    const { db } = await testServer();
    const query = `{ datasets(first: 100) { nodes { id schemaVersions { version } releases(first: 1) { totalCount } } } }`;
    const ids: string[] = (await ok(query)).datasets.nodes.map((n: any) => n.id);
    expect(ids.length).to.be.greaterThan(30);
    // Cold: nothing about these datasets is cached in this process.
    for (const id of ids) invalidateDatasetSnapshot(db.knex, id);
    let statements = 0;
    const count = () => statements++;
    db.knex.on('query', count);
    let data: any;
    try {
      data = await ok(query);
    } finally {
      db.knex.off('query', count);
    }
    expect(data.datasets.nodes).to.have.length(ids.length);
    const agri = data.datasets.nodes.find((n: any) => n.id === 'agri-prices');
    expect(agri.schemaVersions.length).to.be.at.least(1);
    expect(agri.releases.totalCount).to.be.greaterThan(0);
    expect(statements, `${statements} SQL statements for ${ids.length} datasets`).to.be.at.most(12);
  });

  it('types fields from the schema: Int for bounded integers, Float for numbers, Period and Date scalars', async () => {
    const data = await ok(`{
      node: __type(name: "WaterQualityRanking") { fields { name type { name kind ofType { name } } description } }
      filter: __type(name: "AgriculturalPriceFilter") { inputFields { name type { name } } }
      order: __type(name: "AgriculturalPriceOrder") { enumValues { name } }
    }`);
    const types = Object.fromEntries(
      data.node.fields.map((f: any) => [f.name, f.type.name ?? f.type.ofType?.name]),
    );
    expect(types).to.deep.equal({
      period: 'Period',
      city: 'String',
      rank: 'Int',
      index: 'Float',
      flag: 'String',
    });
    expect(data.node.fields.find((f: any) => f.name === 'rank').description).to.include('排名');
    const filter = Object.fromEntries(data.filter.inputFields.map((f: any) => [f.name, f.type.name]));
    expect(filter).to.include({ period: 'PeriodFilter', product: 'StringFilter', avgPrice: 'FloatFilter' });
    expect(data.order.enumValues.map((v: any) => v.name)).to.include.members([
      'AVG_PRICE_DESC',
      'PERIOD_ASC',
    ]);
  });
});

describe('GraphQL: bad input', function () {
  this.timeout(300_000);
  before(() => testServer());

  it('an unknown field in a filter is BAD_USER_INPUT', async () => {
    const r = await gql('{ agriculturalPrices(filter: { price: { eq: 1 } }) { totalCount } }');
    expect(r.status).to.equal(400);
    expect(r.errors![0].extensions.code).to.equal('BAD_USER_INPUT');
  });

  it('a bad Period literal or variable is BAD_USER_INPUT with the domain’s error code', async () => {
    const literal = await gql(
      '{ agriculturalPrices(filter: { period: { gte: "2023-W99" } }) { totalCount } }',
    );
    expect(literal.status).to.equal(400);
    expect(literal.errors![0].extensions).to.include({ code: 'BAD_USER_INPUT', errorCode: 'invalid_period' });
    const variable = await gql(
      'query($p: Period) { agriculturalPrices(filter: { period: { gte: $p } }) { totalCount } }',
      { p: 'next week' },
    );
    expect(variable.status).to.equal(400);
    expect(variable.errors![0].extensions).to.include({
      code: 'BAD_USER_INPUT',
      errorCode: 'invalid_period',
    });
  });

  it('a period of the wrong kind is refused by the query module, as in REST', async () => {
    const r = await gql('{ agriculturalPrices(filter: { period: { eq: "2023-05" } }) { totalCount } }');
    expect(r.errors![0].extensions).to.include({ code: 'BAD_USER_INPUT', errorCode: 'invalid_filter_value' });
    expect(r.errors![0].path).to.deep.equal(['agriculturalPrices']);
  });

  it('a foreign or broken cursor is BAD_USER_INPUT', async () => {
    const rows = (await ok('{ waterQualityRankings(first: 1) { pageInfo { endCursor } } }'))
      .waterQualityRankings;
    const r = await gql('query($a: String) { agriculturalPrices(after: $a) { totalCount } }', {
      a: rows.pageInfo.endCursor,
    });
    expect(r.errors![0].extensions).to.include({ code: 'BAD_USER_INPUT', errorCode: 'invalid_cursor' });
    const broken = await gql('{ datasets(after: "!!") { totalCount } }');
    expect(broken.errors![0].extensions).to.include({ code: 'BAD_USER_INPUT', errorCode: 'invalid_cursor' });
  });

  it('an unknown dataset is NOT_FOUND', async () => {
    const r = await gql('{ dataset(id: "no-such-dataset") { id } }');
    expect(r.data).to.deep.equal({ dataset: null });
    expect(r.errors![0].extensions).to.include({ code: 'NOT_FOUND', errorCode: 'dataset_not_found' });
  });
});
