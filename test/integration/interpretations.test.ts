import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import { testDatasetBody } from '../support/dataset-body';
import { assertMatchesSpec } from '../support/openapi';
import { beijingToday, freshAgency } from '../support/requests';
import { getJson, testServer } from '../support/server';

const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });

/** The month `delta` months from this one (Beijing), as a period id. */
function month(delta: number): string {
  const [y, m] = beijingToday().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('interpretations (解读) with releases', () => {
  let agency: string;
  let id: string;

  async function put(period: string, body: unknown, headers: Record<string, string>) {
    return getJson(`/api/v1/datasets/${id}/releases/${period}/interpretation`, {
      method: 'PUT',
      headers: json(headers),
      body: JSON.stringify(body),
    });
  }

  async function states() {
    const t = await getJson(`/api/v1/datasets/${id}/timeliness`);
    expect(t.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/timeliness', 'get', 200, t.body);
    return Object.fromEntries(
      t.body.data.periods.map((p: { period: { id: string }; state: string }) => [p.period.id, p.state]),
    );
  }

  before(async () => {
    agency = await freshAgency('interp');
    id = `interp-${Date.now().toString(36)}`;
    const admin = json(adminHeaders());
    const created = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        ...testDatasetBody(id, agency, { cadence: 'monthly' }),
        firstPeriod: month(-2),
        leadTime: 'P2M',
        requiresInterpretation: true,
      }),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    assertMatchesSpec('/api/v1/datasets', 'post', 201, created.body);
    expect(created.body.data.requiresInterpretation).to.equal(true);
    const schema = await getJson(`/api/v1/datasets/${id}/schema/versions`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        fields: [
          { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
          { name: 'revenue', type: 'number', title: { zh: '收入', en: 'Revenue' }, unit: '亿元' },
        ],
        primaryKey: ['period'],
      }),
    });
    expect(schema.status, JSON.stringify(schema.body)).to.equal(201);
    for (const period of [month(-2), month(0)]) {
      const up = await getJson(`/api/v1/datasets/${id}/releases?period=${period}`, {
        method: 'POST',
        headers: { ...(await bearer(agency)), 'content-type': 'text/csv' },
        body: `period,revenue\n${period},12.5\n`,
      });
      expect(up.status, JSON.stringify(up.body)).to.equal(201);
      expect(up.body.data.interpretation).to.equal(null);
    }
  });

  it('counts a release without its required interpretation as incomplete until one is added', async () => {
    expect(await states()).to.deep.include({ [month(-2)]: 'incomplete', [month(0)]: 'incomplete' });
    const t = await getJson(`/api/v1/datasets/${id}/timeliness`);
    expect(t.body.data.summary.incomplete).to.equal(2);

    const res = await put(
      month(0),
      {
        text: {
          zh: '## 本月财政收支\n\n收入同比增长 **5%**，主要因为税收增加。<script>alert(1)</script>',
          en: 'Revenue grew **5%** year on year, mainly from taxes.',
        },
        url: 'https://czt.shanxi.gov.cn/jd/2026.html',
      },
      await bearer(agency),
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases/{period}/interpretation', 'put', 200, res.body);
    expect(res.body.data).to.deep.include({ format: 'markdown', date: beijingToday(), revision: 1 });
    expect(res.body.data.agency.id).to.equal(agency);
    // Before the due date: on time. Long after it: late, by when the interpretation came.
    await put(month(-2), { url: 'https://czt.shanxi.gov.cn/jd/old.html' }, await bearer(agency));
    expect(await states()).to.deep.include({ [month(-2)]: 'late', [month(0)]: 'on_time' });
  });

  it('shows it in the release answers, on its own path and in GraphQL, text stored as written', async () => {
    const one = await getJson(`/api/v1/datasets/${id}/releases/${month(0)}/interpretation`);
    expect(one.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases/{period}/interpretation', 'get', 200, one.body);
    expect(one.body.data.text.zh).to.contain('<script>alert(1)</script>');
    expect(one.headers.get('content-type')).to.match(/^application\/json/);

    const list = await getJson(`/api/v1/datasets/${id}/releases`);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'get', 200, list.body);
    const byPeriod = Object.fromEntries(
      list.body.data.map((r: { period: { id: string }; interpretation: unknown }) => [
        r.period.id,
        r.interpretation,
      ]),
    );
    expect(byPeriod[month(0)]).to.deep.include({ url: 'https://czt.shanxi.gov.cn/jd/2026.html' });

    const gql = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ dataset(id: "${id}") { requiresInterpretation
          releases(period: "${month(0)}") { nodes { interpretation { agency { id } date text { zh en } url } } }
          timeliness { summary { incomplete } } } }`,
      }),
    });
    expect(gql.body.errors).to.equal(undefined);
    const d = gql.body.data.dataset;
    expect(d.requiresInterpretation).to.equal(true);
    expect(d.releases.nodes[0].interpretation).to.deep.include({
      agency: { id: agency },
      date: beijingToday(),
    });
    expect(d.releases.nodes[0].interpretation.text.en).to.contain('5%');
    expect(d.timeliness.summary.incomplete).to.equal(0);
  });

  it('shows it on the dataset page as escaped text', async () => {
    const { url } = await testServer();
    const page = await (await fetch(`${url}/datasets/${id}`)).text();
    expect(page).to.contain('id="interpretations"');
    expect(page).to.contain(`data-interpretation="${month(0)}"`);
    expect(page).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.to.contain('<script>alert(1)</script>');
    expect(page).to.contain('href="https://czt.shanxi.gov.cn/jd/2026.html"');
  });

  it('lets only the dataset’s agencies write it, and checks what they write', async () => {
    expect((await put(month(0), { url: 'https://x.example' }, {})).status).to.equal(401);
    expect((await put(month(0), { url: 'https://x.example' }, await bearer('sx-finance'))).status).to.equal(
      403,
    );
    const bad = await put(
      month(0),
      { url: 'javascript:alert(1)', text: { en: 'no Chinese' } },
      await bearer(agency),
    );
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('invalid_interpretation');
    expect(bad.body.error.details.map((i: { path: string }) => i.path)).to.include.members([
      '$.url',
      '$.text.zh',
    ]);
    expect((await getJson(`/api/v1/datasets/${id}/releases/${month(-1)}/interpretation`)).status).to.equal(
      404,
    );

    const replaced = await put(month(0), { text: { zh: '修订后的解读' } }, await bearer(agency));
    expect(replaced.body.data.text).to.deep.equal({ zh: '修订后的解读', en: null });
    const audit = await getJson(`/api/v1/admin/audit?dataset=${id}`, { headers: adminHeaders() });
    expect(audit.body.data.map((e: { action: string }) => e.action)).to.include.members([
      'release.interpretation',
      'release.interpretation.update',
    ]);
  });

  it('seeds the fiscal sample with interpretations whose figures are the release’s own', async () => {
    const fiscal = 'fiscal-revenue-expenditure';
    const t = await getJson(`/api/v1/datasets/${fiscal}/timeliness`);
    expect(t.body.data.summary.incomplete).to.equal(0);
    const latest = (await getJson(`/api/v1/datasets/${fiscal}`)).body.data.periodRange.last.id as string;
    const one = await getJson(`/api/v1/datasets/${fiscal}/releases/${latest}/interpretation`);
    expect(one.status).to.equal(200);
    const rows = await getJson(
      `/api/v1/datasets/${fiscal}/rows?period=${latest}&region=140000&item=${encodeURIComponent('一般公共预算收入')}`,
    );
    const revenue = rows.body.data[0] as { cumulative: string; yoy_growth: number | null };
    expect(one.body.data.text.zh).to.contain(`一般公共预算收入累计${revenue.cumulative}亿元`);
    expect(one.body.data.text.zh).to.contain('非官方解读');
    expect(one.body.data.text.en).to.contain('general public budget revenue');
  });

  it('requires one for the monthly fiscal figures (六(三)) and validates the flag', async () => {
    const fiscal = await getJson('/api/v1/datasets/fiscal-revenue-expenditure');
    expect(fiscal.body.data.requiresInterpretation).to.equal(true);
    const bad = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: json(adminHeaders()),
      body: JSON.stringify({
        ...testDatasetBody(`interp-bad-${Date.now().toString(36)}`, agency),
        requiresInterpretation: 'yes',
      }),
    });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.map((i: { path: string }) => i.path)).to.deep.equal([
      '$.requiresInterpretation',
    ]);
  });
});
