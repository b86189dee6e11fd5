import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import { getJson, testServer } from '../support/server';

/** POST /graphql, returning the cache header too. */
async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    data: res.body.data,
    errors: res.body.errors as any[] | undefined,
    cache: res.headers.get('x-graphql-cache'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries until the query has no errors: the schema follows the catalog within about a second. */
async function eventually(query: string, withinMs = 5_000) {
  const started = Date.now();
  for (;;) {
    const r = await gql(query);
    if (!r.errors) return { ...r, waitedMs: Date.now() - started };
    if (Date.now() - started > withinMs) throw new Error(JSON.stringify(r.errors));
    await sleep(100);
  }
}

const tag = `x${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const ID = `gql-live-${tag}`;
const ROOT = `live${tag.charAt(0).toUpperCase()}${tag.slice(1)}Readings`;
const TYPE = `${ROOT.charAt(0).toUpperCase()}${ROOT.slice(1, -1)}`;
const AGENCY = 'sx-agriculture';
const BASE = `/api/v1/datasets/${ID}`;

const SCHEMA = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
    {
      name: 'station',
      type: 'string',
      title: { zh: '监测站', en: 'Station' },
      constraints: { required: true },
    },
    { name: 'reading', type: 'number', title: { zh: '读数', en: 'Reading' }, unit: 'mg/L' },
    { name: 'inspector', type: 'string', title: { zh: '检查员', en: 'Inspector' }, disclosure: 'restricted' },
  ],
  primaryKey: ['period', 'station'],
  missingValues: [''],
};

async function publish(period: string, rows: string[], query: Record<string, string> = {}) {
  const qs = new URLSearchParams({ period, ...query });
  const res = await getJson(`${BASE}/releases?${qs.toString()}`, {
    method: 'POST',
    headers: { ...(await bearer(AGENCY)), 'content-type': 'text/csv' },
    body: ['period,station,reading,inspector', ...rows].join('\n') + '\n',
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.data;
}

const READINGS = `query Readings {
  ${ROOT}(orderBy: [PERIOD_ASC, STATION_ASC]) {
    totalCount
    nodes { period station reading }
    meta { dataVersion datasetStatus }
  }
}`;

const readings = async () => {
  const r = await gql(READINGS);
  expect(r.errors, JSON.stringify(r.errors)).to.equal(undefined);
  return { ...r.data[ROOT], cache: r.cache };
};

describe('GraphQL follows the catalog without a restart', function () {
  this.timeout(300_000);
  /** An instant after the first release and before every later one. */
  let afterFirst: Date;
  before(() => testServer());

  it('adds the typed fields of a new dataset once its schema is registered', async () => {
    const created = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({
        id: ID,
        title: { zh: '水质读数', en: 'Water readings' },
        description: { zh: 'GraphQL 测试', en: 'GraphQL test' },
        agencies: [AGENCY],
        legalBasis: '晋政办发〔2017〕50号',
        clause: '三(九)',
        cadence: 'monthly',
        dueRule: { offset: 'P10D', time: '09:00' },
        licence: 'CC-BY-4.0',
        themes: [],
        tags: [],
        graphqlName: ROOT,
      }),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const before = await eventually(`{ dataset(id: "${ID}") { id graphqlField currentSchema { version } } }`);
    expect(before.data.dataset).to.deep.equal({ id: ID, graphqlField: null, currentSchema: null });
    expect((await gql(`{ ${ROOT} { totalCount } }`)).errors![0].extensions.code).to.equal(
      'GRAPHQL_VALIDATION_FAILED',
    );

    const registered = await getJson(`${BASE}/schema/versions`, {
      method: 'POST',
      headers: { ...(await bearer(AGENCY)), 'content-type': 'application/json' },
      body: JSON.stringify(SCHEMA),
    });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const after = await eventually(`{ ${ROOT} { totalCount nodes { period station reading } } }`);
    expect(after.data[ROOT]).to.deep.equal({ totalCount: 0, nodes: [] });
    expect(after.waitedMs).to.be.lessThan(3_000);
    const linked = await gql(`{ dataset(id: "${ID}") { graphqlField } }`);
    expect(linked.data.dataset.graphqlField).to.equal(ROOT);
  });

  it('never exposes a restricted field', async () => {
    const r = await gql(`{
      node: __type(name: "${TYPE}") { fields { name } }
      filter: __type(name: "${TYPE}Filter") { inputFields { name } }
    }`);
    expect(r.data.node.fields.map((f: any) => f.name)).to.deep.equal(['period', 'station', 'reading']);
    expect(r.data.filter.inputFields.map((f: any) => f.name)).to.not.include('inspector');
    const probe = await gql(`{ ${ROOT}(filter: { inspector: { eq: "张三" } }) { totalCount } }`);
    expect(probe.errors![0].extensions.code).to.equal('BAD_USER_INPUT');
  });

  it('answers repeated queries from the cache and sees a new release on the first query after it', async () => {
    await publish('2024-01', ['2024-01,S1,1.5,张三', '2024-01,S2,2.5,李四']);
    afterFirst = new Date();
    await sleep(20);
    const first = await readings();
    expect(first.totalCount).to.equal(2);
    expect(first.cache).to.equal('miss');
    const again = await readings();
    expect(again.cache).to.equal('hit');
    expect(again.nodes).to.deep.equal(first.nodes);

    await publish('2024-02', ['2024-02,S1,1.7,张三']);
    const fresh = await readings();
    expect(fresh.cache).to.equal('miss');
    expect(fresh.totalCount).to.equal(3);
    expect(fresh.nodes.map((n: any) => n.period)).to.deep.equal(['2024-01', '2024-01', '2024-02']);
    expect(fresh.meta.dataVersion).to.not.equal(first.meta.dataVersion);
  });

  it('sees a revision on the first query after it', async () => {
    await readings();
    await publish('2024-01', ['2024-01,S1,9.5,张三', '2024-01,S2,2.5,李四'], {
      revise: 'true',
      reason: '更正',
    });
    const revised = await readings();
    expect(revised.cache).to.equal('miss');
    expect(revised.nodes[0]).to.deep.equal({ period: '2024-01', station: 'S1', reading: 9.5 });
  });

  it('keeps an embargoed release invisible until publishAt, then shows it without a restart', async () => {
    const before = await readings();
    const publishAt = new Date(Date.now() + 3_000);
    await publish('2024-03', ['2024-03,S1,1.1,张三'], { publishAt: publishAt.toISOString() });

    const during = await readings();
    expect(during.totalCount).to.equal(before.totalCount);
    expect(during.nodes.map((n: any) => n.period)).to.not.include('2024-03');
    expect(during.meta.dataVersion).to.equal(before.meta.dataVersion);
    const probe = await gql(`{
      ${ROOT}(filter: { period: { eq: "2024-03" } }) { totalCount }
      ${ROOT}Aggregate(groupBy: [PERIOD]) { keys { period } count }
      dataset(id: "${ID}") { releaseCount releases { nodes { period { id } } } periodRange { last { id } } }
    }`);
    expect(probe.errors).to.equal(undefined);
    expect(probe.data[ROOT].totalCount).to.equal(0);
    expect(probe.data[`${ROOT}Aggregate`].map((g: any) => g.keys.period)).to.deep.equal([
      '2024-01',
      '2024-02',
    ]);
    const periods = probe.data.dataset.releases.nodes.map((n: any) => n.period.id);
    expect(periods).to.not.include('2024-03');
    expect(probe.data.dataset.periodRange.last.id).to.equal('2024-02');

    await sleep(publishAt.getTime() - Date.now() + 250);
    const lifted = await readings();
    expect(lifted.cache).to.equal('miss');
    expect(lifted.totalCount).to.equal(before.totalCount + 1);
    expect(lifted.nodes.map((n: any) => n.period)).to.include('2024-03');
  });

  it('shows a new status mark and a MINOR schema version', async () => {
    const marked = await getJson(`${BASE}/status`, {
      method: 'PUT',
      headers: { ...(await bearer(AGENCY)), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'repealed', date: '2025-01-01', reason: '通知废止' }),
    });
    expect(marked.status, JSON.stringify(marked.body)).to.equal(200);
    const r = await gql(`{ dataset(id: "${ID}") { status { status label date reason } } }`);
    expect(r.data.dataset.status).to.deep.equal({
      status: 'REPEALED',
      label: '废止',
      date: '2025-01-01',
      reason: '通知废止',
    });
    expect((await readings()).meta.datasetStatus).to.equal('REPEALED');

    const minor = {
      ...SCHEMA,
      fields: [...SCHEMA.fields, { name: 'remark', type: 'string', title: { zh: '备注', en: 'Remark' } }],
    };
    const registered = await getJson(`${BASE}/schema/versions`, {
      method: 'POST',
      headers: { ...(await bearer(AGENCY)), 'content-type': 'application/json' },
      body: JSON.stringify(minor),
    });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const after = await eventually(
      `{ ${ROOT}(first: 1) { nodes { station remark } meta { schemaVersion } } }`,
    );
    expect(after.data[ROOT].meta.schemaVersion).to.equal(2);
    expect(after.data[ROOT].nodes[0].remark).to.equal(null);
  });

  it('reads the state as of an earlier instant with asOf', async () => {
    const r = await gql(
      `query($t: DateTime) { ${ROOT}(asOf: $t, orderBy: [STATION_ASC]) { totalCount nodes { period station reading } meta { asOf } } }`,
      { t: afterFirst.toISOString() },
    );
    expect(r.errors).to.equal(undefined);
    expect(r.data[ROOT].nodes).to.deep.equal([
      { period: '2024-01', station: 'S1', reading: 1.5 },
      { period: '2024-01', station: 'S2', reading: 2.5 },
    ]);
    expect(r.data[ROOT].meta.asOf).to.equal(afterFirst.toISOString());
  });

  it('reads a revision, a release and a schema version exactly as REST does', async () => {
    const listed = await getJson(`${BASE}/releases?period=2024-01`, { headers: adminHeaders() });
    const first = listed.body.data.find((r: any) => r.revision === 1);
    expect(first, JSON.stringify(listed.body)).to.not.equal(undefined);
    const selectors: Array<[string, string]> = [
      ['revision: 1', 'revision=1'],
      [`release: ${first.id}`, `release=${first.id}`],
      ['schemaVersion: 1', 'schemaVersion=1'],
    ];
    for (const [arg, param] of selectors) {
      const r = await gql(
        `{ ${ROOT}(${arg}, orderBy: [PERIOD_ASC, STATION_ASC]) { nodes { period station reading } }
           ${ROOT}Aggregate(${arg}, groupBy: [PERIOD]) { keys { period } count } }`,
      );
      expect(r.errors, arg).to.equal(undefined);
      const rows = await getJson(`${BASE}/rows?${param}&sort=period,station&fields=period,station,reading`);
      expect(r.data[ROOT].nodes, arg).to.deep.equal(rows.body.data);
      const groups = await getJson(`${BASE}/aggregate?${param}&groupBy=period&count=true`);
      expect(
        r.data[`${ROOT}Aggregate`].map((g: any) => [g.keys.period, g.count]),
        arg,
      ).to.deep.equal(groups.body.data.map((g: any) => [g.keys.period, g.count]));
    }
    const revised = await gql(
      `{ ${ROOT}(revision: 1, filter: { period: { eq: "2024-01" } }) { nodes { reading } } }`,
    );
    expect(revised.data[ROOT].nodes.map((n: any) => n.reading)).to.deep.equal([1.5, 2.5]);
    const missing = await gql(`{ ${ROOT}(release: 999999999) { totalCount } }`);
    expect(missing.errors?.[0]?.extensions?.code).to.equal('NOT_FOUND');
  });
});
