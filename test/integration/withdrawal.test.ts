import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import { ckanGet, result } from '../support/ckan';
import { rawGet, rawGetFollowing } from '../support/http';
import { assertMatchesSpec } from '../support/openapi';
import { getJson } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const AGENCY = 'test-agency';
const FIELDS = [
  { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
  { name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } },
];
const CITIES = ['140100', '140200', '140300'];
const monthRows = (base: number) => CITIES.map((city, i) => ({ city, value: String(base + i) }));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function gql(query: string) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return res.body as { data?: any; errors?: any[] };
}

/** The schema is rebuilt from the catalog stamp at most once a second. */
async function eventually(query: string) {
  for (let i = 0; ; i++) {
    const out = await gql(query);
    if (!out.errors || i > 40) return out;
    await sleep(250);
  }
}

/** Everything a reader can count, through every read path, at `asOf` (or now). */
async function observe(id: string, field: string, asOf?: string) {
  const at = asOf ? `asOf=${encodeURIComponent(asOf)}` : '';
  const base = `/api/v1/datasets/${id}`;
  const rows = await getJson(`${base}/rows?limit=100&sort=period,city&${at}`);
  const aggregate = await getJson(`${base}/aggregate?groupBy=period&count=true&sum=value&${at}`);
  const csv = await rawGet(`${base}/export.csv?sort=period,city&${at}`);
  const file1 = await rawGetFollowing(`${base}/releases/2020-01/data.csv?${at}`);
  const file2 = await rawGetFollowing(`${base}/releases/2020-02/data.csv?${at}`);
  const graphql = await gql(
    `{ ${field}(first: 100${asOf ? `, asOf: "${asOf}"` : ''}) { totalCount nodes { period city value } } }`,
  );
  const ckan = result(
    await ckanGet('datastore_search', { resource_id: id, limit: 100, ...(asOf ? { asOf } : {}) }),
  );
  for (const r of [rows, aggregate]) expect(r.status, JSON.stringify(r.body)).to.equal(200);
  expect(csv.status).to.equal(200);
  expect(graphql.errors, JSON.stringify(graphql.errors)).to.equal(undefined);
  return { rows, aggregate, csv, file1, file2, graphql: graphql.data[field], ckan };
}

const withdraw = async (
  id: string,
  period: string,
  revision: string | null,
  body: unknown,
  headers: Record<string, string>,
) =>
  getJson(
    `/api/v1/datasets/${id}/releases/${period}/withdrawal${revision === null ? '' : `?revision=${revision}`}`,
    {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );

const auditOf = async (id: string) =>
  (await getJson(`/api/v1/admin/audit?dataset=${id}&limit=50`, { headers: adminHeaders() })).body
    .data as Array<Record<string, any>>;

describe('withdrawing a release (a tombstone)', function () {
  this.timeout(300_000);

  let id: string;
  let field: string;
  let earlier: Awaited<ReturnType<typeof observe>>;
  let beforeAt: string;
  let manager: { authorization: string };

  before(async () => {
    id = await createTinyDataset('wd', FIELDS, ['period', 'city'], ['NA'], { firstPeriod: '2020-01' });
    await publishTiny(id, '2020-01', monthRows(10));
    await publishTiny(id, '2020-02', monthRows(20));
    await publishTiny(id, '2020-02', monthRows(30), { reviseReason: '更正 correction' });
    manager = await bearer(AGENCY);
    // The generated schema follows the catalog within about a second.
    for (let i = 0; i < 40 && !field; i++) {
      const named = await eventually(`{ dataset(id: "${id}") { graphqlField } }`);
      field = named.data.dataset.graphqlField as string;
      if (!field) await sleep(250);
    }
    await sleep(20);
    beforeAt = new Date().toISOString();
    await sleep(20);
    earlier = await observe(id, field);
  });

  it('refuses anonymous callers (401), other agencies (403) and a missing reason (400), auditing each', async () => {
    const anonymous = await withdraw(id, '2020-01', '1', { reason: 'x' }, {});
    expect(anonymous.status).to.equal(401);
    assertMatchesSpec(
      '/api/v1/datasets/{datasetId}/releases/{period}/withdrawal',
      'post',
      401,
      anonymous.body,
    );
    const other = await withdraw(id, '2020-01', '1', { reason: 'x' }, await bearer('sx-agriculture'));
    expect(other.status).to.equal(403);
    expect(other.body.error.code).to.equal('not_responsible');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases/{period}/withdrawal', 'post', 403, other.body);
    const noReason = await withdraw(id, '2020-01', '1', { reason: '  ' }, manager);
    expect(noReason.status).to.equal(400);
    expect(noReason.body.error.code).to.equal('invalid_withdrawal');
    const tooLong = await withdraw(id, '2020-01', '1', { reason: '长'.repeat(2001) }, manager);
    expect(tooLong.status).to.equal(400);
    const noRevision = await withdraw(id, '2020-01', null, { reason: '错报' }, manager);
    expect(noRevision.status).to.equal(400);
    expect(noRevision.body.error.details.parameter).to.equal('revision');
    const missing = await withdraw(id, '2020-01', '7', { reason: '错报' }, manager);
    expect(missing.status).to.equal(404);

    const audit = (await auditOf(id)).filter((e) => e.action === 'release.withdraw');
    const codes = audit.filter((e) => e.outcome === 'rejected').map((e) => e.detail.code);
    expect(codes).to.include.members([
      'authentication_required',
      'not_responsible',
      'invalid_withdrawal',
      'invalid_parameter',
      'release_not_found',
    ]);
    expect(audit.some((e) => e.outcome === 'success')).to.equal(false);
    // Nothing changed for readers.
    const now = await getJson(`/api/v1/datasets/${id}/releases`);
    expect(now.body.data.map((r: any) => r.status)).to.deep.equal(['published', 'superseded', 'published']);
  });

  it('withdraws a period’s only revision: every current read stops counting it', async () => {
    const res = await withdraw(id, '2020-01', '1', { reason: '数据口径错误 wrong basis' }, manager);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases/{period}/withdrawal', 'post', 200, res.body);
    expect(res.body.data).to.include({ status: 'withdrawn', revision: 1 });
    expect(res.body.data.withdrawal.reason).to.equal('数据口径错误 wrong basis');
    expect(res.body.meta.current).to.equal(null);

    const twice = await withdraw(id, '2020-01', '1', { reason: 'again' }, adminHeaders());
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('already_withdrawn');

    const after = await observe(id, field);
    const periods = (rows: any[]) => [...new Set(rows.map((r) => r.period))];
    expect(periods(after.rows.body.data)).to.deep.equal(['2020-02']);
    expect(after.aggregate.body.data.map((g: any) => g.keys.period)).to.deep.equal(['2020-02']);
    expect(after.csv.body.toString()).not.to.include('2020-01');
    expect(after.graphql.totalCount).to.equal(3);
    expect(after.ckan.total).to.equal(3);
    expect(after.file1.status).to.equal(410);
    const gone = JSON.parse(after.file1.body.toString());
    expect(gone.error.code).to.equal('release_withdrawn');
    expect(gone.error.details.reason).to.equal('数据口径错误 wrong basis');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases/{period}/data.csv', 'get', 410, gone);

    const summary = await getJson(`/api/v1/datasets/${id}`);
    expect(summary.body.data.releaseCount ?? summary.body.data.stats?.releaseCount).to.equal(1);
    const catalog = await gql(
      `{ dataset(id: "${id}") { releaseCount rowCount periodRange { first { id } } } }`,
    );
    expect(catalog.data.dataset).to.deep.equal({
      releaseCount: 1,
      rowCount: 3,
      periodRange: { first: { id: '2020-02' } },
    });
  });

  it('withdrawing a correction makes the revision before it current again', async () => {
    const res = await withdraw(id, '2020-02', '2', { reason: '更正有误' }, adminHeaders());
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.meta.current).to.include({ revision: 1, status: 'published' });
    const after = await observe(id, field);
    expect(after.rows.body.data.map((r: any) => r.value)).to.deep.equal([20, 21, 22]);
    expect(after.file2.status).to.equal(200);
    const first = await rawGetFollowing(`/api/v1/datasets/${id}/releases/2020-02/data.csv?revision=1`);
    expect(after.file2.body.equals(first.body)).to.equal(true);
    const pinned = await rawGet(`/api/v1/datasets/${id}/releases/2020-02/data.csv?revision=2`);
    expect(pinned.status).to.equal(410);
    expect(after.graphql.nodes.map((n: any) => n.value)).to.deep.equal([20, 21, 22]);
  });

  it('reproduces, as of an instant before the withdrawals, exactly what was served then', async () => {
    const then = await observe(id, field, beforeAt);
    expect(then.rows.body.data).to.deep.equal(earlier.rows.body.data);
    expect(then.aggregate.body.data).to.deep.equal(earlier.aggregate.body.data);
    expect(sha256(then.csv.body)).to.equal(sha256(earlier.csv.body));
    expect(then.file1.status).to.equal(200);
    expect(sha256(then.file1.body)).to.equal(sha256(earlier.file1.body));
    expect(then.file1.headers['x-content-sha256']).to.equal(sha256(earlier.file1.body));
    expect(sha256(then.file2.body)).to.equal(sha256(earlier.file2.body));
    expect(then.graphql).to.deep.equal(earlier.graphql);
    expect(then.ckan.total).to.equal(earlier.ckan.total);
    expect(then.rows.body.meta.dataVersion).to.equal(earlier.rows.body.meta.dataVersion);
  });

  it('lists withdrawn revisions with their reason and time, in REST, GraphQL and the web page', async () => {
    const list = await getJson(`/api/v1/datasets/${id}/releases`);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'get', 200, list.body);
    const byKey = new Map(list.body.data.map((r: any) => [`${r.period.id}r${r.revision}`, r]));
    expect((byKey.get('2020-01r1') as any).status).to.equal('withdrawn');
    expect((byKey.get('2020-01r1') as any).withdrawal.reason).to.equal('数据口径错误 wrong basis');
    expect((byKey.get('2020-02r1') as any).status).to.equal('published');
    expect((byKey.get('2020-02r2') as any).status).to.equal('withdrawn');
    const at = Date.parse((byKey.get('2020-02r2') as any).withdrawal.withdrawnAt);
    expect(at).to.be.greaterThan(Date.parse(beforeAt));

    const g = await gql(
      `{ dataset(id: "${id}") { releases { nodes { period { id } revision status withdrawal { reason } } } } }`,
    );
    expect(g.data.dataset.releases.nodes).to.deep.include({
      period: { id: '2020-01' },
      revision: 1,
      status: 'WITHDRAWN',
      withdrawal: { reason: '数据口径错误 wrong basis' },
    });

    const page = await rawGet(`/datasets/${id}`);
    const text = page.body.toString();
    expect(text).to.match(/data-period="2020-01"\s+data-revision="1"\s+data-withdrawn="true"/);
    expect(text).to.include('数据口径错误 wrong basis');
    expect(text).not.to.include(`releases/2020-01/data.csv?revision=1`);
  });

  it('drops the withdrawn release from CKAN resources and the calendar', async () => {
    const pkg = result(await ckanGet('package_show', { id }));
    const ids = pkg.resources.map((r: any) => r.id);
    expect(ids).to.include(`${id}.2020-02.r1`);
    expect(ids).not.to.include(`${id}.2020-01.r1`);
    expect(ids).not.to.include(`${id}.2020-02.r2`);
    const show = await ckanGet('resource_show', { id: `${id}.2020-01.r1` });
    expect(show.status).to.equal(404);

    const t = await getJson(`/api/v1/datasets/${id}/timeliness`);
    expect(t.status).to.equal(200);
    const state = (p: string) => t.body.data.periods.find((x: any) => x.period.id === p);
    expect(state('2020-01')).to.include({ state: 'missing', revisions: 0 });
    expect(state('2020-02')).to.include({ revisions: 1 });
  });

  it('audits each withdrawal with who, what and why', async () => {
    const ok = (await auditOf(id)).filter((e) => e.action === 'release.withdraw' && e.outcome === 'success');
    expect(ok.map((e) => [e.period, e.detail.revision, e.detail.reason])).to.have.deep.members([
      ['2020-01', 1, '数据口径错误 wrong basis'],
      ['2020-02', 2, '更正有误'],
    ]);
    expect(ok.every((e) => typeof e.sha256 === 'string' && e.release_id !== null)).to.equal(true);
    const conflict = (await auditOf(id)).filter((e) => e.detail?.code === 'already_withdrawn');
    expect(conflict).to.have.length(1);
  });
});
