import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

const OWNER = 'sx-development-reform';
const OUTSIDER = 'sx-finance';
const VERSIONS = '/api/v1/datasets/{datasetId}/schema/versions';
const STATUS = '/api/v1/datasets/{datasetId}/status';

const jsonHeaders = (auth: Record<string, string>) => ({ ...auth, 'content-type': 'application/json' });

const datasetInput = (id: string) => ({
  id,
  title: { zh: '模式演进测试', en: 'Schema evolution test' },
  description: { zh: '测试用数据集', en: 'A dataset for tests' },
  agencies: [OWNER],
  legalBasis: '晋政办发〔2017〕50号',
  clause: '三(九)',
  cadence: 'monthly',
  dueRule: { offset: 'P10D', time: '09:00' },
  licence: 'CC-BY-4.0',
  themes: ['测试'],
  tags: ['测试'],
});

const periodField = {
  name: 'period',
  type: 'period',
  periodKind: 'month',
  title: { zh: '统计月份', en: 'Month' },
};
const regionField = {
  name: 'region',
  type: 'string',
  title: { zh: '城市代码', en: 'City code' },
  constraints: { enum: ['140100', '140200'] },
};
const amountField = { name: 'amount', type: 'number', unit: '亿元', title: { zh: '金额', en: 'Amount' } };
const householdsField = { name: 'households', type: 'integer', title: { zh: '户数', en: 'Households' } };
const remarkField = { name: 'remark', type: 'string', title: { zh: '备注', en: 'Remark' } };

const v1 = {
  fields: [periodField, regionField, amountField, householdsField],
  primaryKey: ['period', 'region'],
};
const v2 = { ...v1, fields: [...v1.fields, remarkField] };
const v3 = { ...v2, fields: v2.fields.filter((f) => f.name !== 'households') };

describe('schema evolution and status marks over HTTP', function () {
  this.timeout(300_000);
  const id = `evo-${Date.now().toString(36)}`;
  const base = `/api/v1/datasets/${id}`;

  const register = async (doc: unknown, auth: Record<string, string>, query = '') =>
    getJson(`${base}/schema/versions${query}`, {
      method: 'POST',
      headers: jsonHeaders(auth),
      body: JSON.stringify(doc),
    });

  /** Answered within 30 s, or status 0: a hung upload fails its test instead of stalling the suite. */
  const publish = async (period: string, csv: string) => {
    try {
      return await getJson(`${base}/releases?period=${period}`, {
        method: 'POST',
        headers: { ...(await bearer(OWNER)), 'content-type': 'text/csv' },
        body: csv,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      if (!['TimeoutError', 'AbortError'].includes((err as Error).name)) throw err;
      return { status: 0, body: { error: { code: 'no answer within 30 s' } } as any, headers: new Headers() };
    }
  };

  const rows = async (query: string) => {
    const res = await getJson(`${base}/rows?limit=100&sort=period,region${query}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  };

  before(async () => {
    await testServer();
  });

  it('lets only an admin create a dataset, and checks its definition', async () => {
    const byPublisher = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: jsonHeaders(await bearer(OWNER)),
      body: JSON.stringify(datasetInput(id)),
    });
    expect(byPublisher.status).to.equal(403);
    assertMatchesSpec('/api/v1/datasets', 'post', 403, byPublisher.body);
    expect(byPublisher.body.error.code).to.equal('admin_only');

    const anonymous = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(datasetInput(id)),
    });
    expect(anonymous.status).to.equal(401);

    const invalid = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify({ ...datasetInput('Bad Id'), cadence: 'fortnightly', agencies: [] }),
    });
    expect(invalid.status).to.equal(400);
    assertMatchesSpec('/api/v1/datasets', 'post', 400, invalid.body);
    expect(invalid.body.error.code).to.equal('invalid_dataset');
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).to.include.members([
      '$.id',
      '$.cadence',
      '$.agencies',
    ]);

    const created = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify(datasetInput(id)),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    assertMatchesSpec('/api/v1/datasets', 'post', 201, created.body);
    expect(created.body.data).to.include({
      id,
      cadence: 'monthly',
      periodKind: 'month',
      currentSchemaVersion: null,
      releaseCount: 0,
      rowCount: 0,
      sample: false,
    });
    expect(created.body.data.agencies[0]).to.include({ id: OWNER, role: 'lead' });
    expect(created.body.data.status).to.include({ status: 'active' });

    const again = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify(datasetInput(id)),
    });
    expect(again.status).to.equal(409);
    assertMatchesSpec('/api/v1/datasets', 'post', 409, again.body);

    const read = await getJson(base);
    expect(read.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}', 'get', 200, read.body);
  });

  it('registers the first version as INITIAL 1.0.0 and accepts the agency’s upload', async () => {
    const noSchema = await publish('2026-09', 'period,region,amount,households\n2026-09,140100,1,1\n');
    expect(noSchema.status).to.equal(404);
    expect(noSchema.body.error.code).to.equal('no_schema');

    const res = await register(v1, adminHeaders());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    assertMatchesSpec(VERSIONS, 'post', 201, res.body);
    expect(res.body.data).to.include({ datasetId: id, version: 1, semver: '1.0.0', changeLevel: 'INITIAL' });
    expect(res.body.meta).to.deep.equal({ level: 'INITIAL', changes: [] });

    const up = await publish(
      '2026-09',
      'period,region,amount,households\n2026-09,140100,12.5,100\n2026-09,140200,7.25,80\n',
    );
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    expect(up.body.data).to.include({ rowCount: 2, schemaVersion: 1 });
  });

  it('adds an optional column as MINOR 1.1.0; old rows read it as null', async () => {
    const res = await register(v2, await bearer(OWNER));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    assertMatchesSpec(VERSIONS, 'post', 201, res.body);
    expect(res.body.data).to.include({ version: 2, semver: '1.1.0', changeLevel: 'MINOR' });
    expect(res.body.meta.level).to.equal('MINOR');
    expect(res.body.meta.changes).to.have.length(1);
    expect(res.body.meta.changes[0].level).to.equal('MINOR');
    expect(res.body.meta.changes[0].path).to.contain('remark');

    const schema = await getJson(`${base}/schema`);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/schema', 'get', 200, schema.body);
    expect(schema.body.data.version).to.equal(2);
    expect(schema.body.data.schema.fields.map((f: { name: string }) => f.name)).to.deep.equal([
      'period',
      'region',
      'amount',
      'households',
      'remark',
    ]);

    const current = await rows('');
    expect(current.meta.schemaVersion).to.equal(2);
    expect(current.meta.fields.map((f: { name: string }) => f.name)).to.include('remark');
    expect(current.data).to.deep.equal([
      { period: '2026-09', region: '140100', amount: 12.5, households: 100, remark: null },
      { period: '2026-09', region: '140200', amount: 7.25, households: 80, remark: null },
    ]);

    const up = await publish(
      '2026-10',
      '统计月份,城市代码,金额,户数,备注\n2026-10,140100,13,101,初步数\n2026-10,140200,7.5,81,\n',
    );
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    expect(up.body.data.schemaVersion).to.equal(2);
    const both = await rows('');
    expect(both.data.map((r: { remark: unknown }) => r.remark)).to.deep.equal([null, null, '初步数', null]);
  });

  it('requires confirmation for a MAJOR change, then serves the new shape and keeps old releases readable', async () => {
    const unconfirmed = await register(v3, await bearer(OWNER));
    expect(unconfirmed.status).to.equal(409);
    assertMatchesSpec(VERSIONS, 'post', 409, unconfirmed.body);
    expect(unconfirmed.body.error.code).to.equal('major_change_unconfirmed');
    expect(unconfirmed.body.error.details.level).to.equal('MAJOR');
    const removal = unconfirmed.body.error.details.changes.find(
      (c: { level: string; path: string }) => c.level === 'MAJOR' && c.path.includes('households'),
    );
    expect(removal, JSON.stringify(unconfirmed.body.error.details)).to.not.equal(undefined);
    expect((await getJson(`${base}/schema`)).body.data.version).to.equal(2);

    const confirmed = await register(v3, await bearer(OWNER), '?major=true');
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(201);
    assertMatchesSpec(VERSIONS, 'post', 201, confirmed.body);
    expect(confirmed.body.data).to.include({ version: 3, semver: '2.0.0', changeLevel: 'MAJOR' });
    expect(confirmed.body.meta.level).to.equal('MAJOR');

    const schema = await getJson(`${base}/schema`);
    expect(schema.body.data.schema.fields.map((f: { name: string }) => f.name)).to.deep.equal([
      'period',
      'region',
      'amount',
      'remark',
    ]);
    const list = await getJson(`${base}/schema/versions`);
    assertMatchesSpec(VERSIONS, 'get', 200, list.body);
    expect(list.body.data.map((v: { semver: string }) => v.semver)).to.deep.equal([
      '1.0.0',
      '1.1.0',
      '2.0.0',
    ]);

    // Old releases stay readable under the schema they were published with.
    const old = await rows('&schemaVersion=1');
    expect(old.meta.schemaVersion).to.equal(1);
    expect(old.meta.fields.map((f: { name: string }) => f.name)).to.deep.equal([
      'period',
      'region',
      'amount',
      'households',
    ]);
    expect(old.data).to.have.length(4);
    expect(old.data[0]).to.deep.equal({ period: '2026-09', region: '140100', amount: 12.5, households: 100 });
    const minor = await rows('&schemaVersion=2&period=2026-10');
    expect(minor.data[0]).to.include({ households: 101, remark: '初步数' });

    // The current schema serves the new shape; an upload in the old shape is refused.
    const current = await rows('');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 200, current);
    expect(current.meta.schemaVersion).to.equal(3);
    expect(current.meta.fields.map((f: { name: string }) => f.name)).to.deep.equal([
      'period',
      'region',
      'amount',
      'remark',
    ]);
    const up = await publish('2026-11', 'period,region,amount,remark\n2026-11,140100,14,新口径\n');
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    expect(up.body.data.schemaVersion).to.equal(3);
    const after = await rows('&period=2026-11');
    expect(after.data).to.deep.equal([{ period: '2026-11', region: '140100', amount: 14, remark: '新口径' }]);
    const oldRelease = await getJson(`${base}/releases/2026-09/data.csv`);
    expect(oldRelease.status).to.equal(200);
    expect(oldRelease.body).to.equal(
      'period,region,amount,households\n2026-09,140100,12.5,100\n2026-09,140200,7.25,80\n',
    );
  });

  it('rejects an invalid schema document with 400 invalid_schema naming each JSON path', async () => {
    const doc = {
      fields: [
        { name: 'amount', type: 'float', title: { zh: '金额', en: 'Amount' } },
        periodField,
        { name: 'Bad Name', type: 'string', title: { zh: '坏名', en: 'Bad' } },
      ],
      primaryKey: ['period', 'nothing'],
    };
    const res = await register(doc, adminHeaders(), '?major=true');
    expect(res.status).to.equal(400);
    assertMatchesSpec(VERSIONS, 'post', 400, res.body);
    expect(res.body.error.code).to.equal('invalid_schema');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).to.include.members(['$.fields[0].type', '$.fields[2].name', '$.primaryKey[1]']);

    const wrongKind = await register(
      { ...v3, fields: [{ ...periodField, periodKind: 'week' }, ...v3.fields.slice(1)] },
      adminHeaders(),
      '?major=true',
    );
    expect(wrongKind.status).to.equal(400);
    expect(wrongKind.body.error.code).to.equal('invalid_schema');
    expect(wrongKind.body.error.details[0].path).to.equal('$.fields[0].periodKind');

    const notJson = await getJson(`${base}/schema/versions`, {
      method: 'POST',
      headers: jsonHeaders(adminHeaders()),
      body: '{"fields": [',
    });
    expect(notJson.status).to.equal(400);
    assertMatchesSpec(VERSIONS, 'post', 400, notJson.body);
    expect(notJson.body.error.code).to.equal('invalid_json');

    const huge = await register({ ...v3, 'x-padding': 'x'.repeat(3_000_000) }, adminHeaders());
    expect(huge.status).to.equal(413);
    assertMatchesSpec(VERSIONS, 'post', 413, huge.body);
    expect(huge.body.error.code).to.equal('payload_too_large');

    expect((await getJson(`${base}/schema`)).body.data.version).to.equal(3);
  });

  it('refuses schema changes and status marks from another agency or anonymously', async () => {
    const schema = await register(v3, await bearer(OUTSIDER));
    expect(schema.status).to.equal(403);
    assertMatchesSpec(VERSIONS, 'post', 403, schema.body);
    expect(schema.body.error.code).to.equal('not_responsible');
    expect(schema.body.error.details).to.include({ dataset: id, agency: OUTSIDER });

    const status = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(await bearer(OUTSIDER)),
      body: JSON.stringify({ status: 'repealed', date: '2026-11-20', reason: '越权' }),
    });
    expect(status.status).to.equal(403);
    assertMatchesSpec(STATUS, 'put', 403, status.body);
    expect(status.body.error.code).to.equal('not_responsible');

    const anonymous = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'repealed', date: '2026-11-20', reason: '匿名' }),
    });
    expect(anonymous.status).to.equal(401);
    assertMatchesSpec(STATUS, 'put', 401, anonymous.body);
    expect((await getJson(base)).body.data.status.status).to.equal('active');
  });

  it('marks the dataset 废止 with date and reason on every read, while the data stays downloadable', async () => {
    const noReason = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(await bearer(OWNER)),
      body: JSON.stringify({ status: 'repealed', date: '2026-11-20' }),
    });
    expect(noReason.status).to.equal(400);
    assertMatchesSpec(STATUS, 'put', 400, noReason.body);
    expect(noReason.body.error.code).to.equal('invalid_status');
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['$.reason']);

    const badStatus = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(await bearer(OWNER)),
      body: JSON.stringify({ status: 'gone', date: '2026-11-20', reason: 'x' }),
    });
    expect(badStatus.status).to.equal(400);
    expect(badStatus.body.error.details.map((d: { path: string }) => d.path)).to.include('$.status');

    const reason = '已被《山西省新办法》取代; 详见公告 100%';
    const mark = { status: 'repealed', label: '废止', date: '2026-11-20', reason };
    const res = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(await bearer(OWNER)),
      body: JSON.stringify({ status: 'repealed', date: '2026-11-20', reason }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    assertMatchesSpec(STATUS, 'put', 200, res.body);
    expect(res.body.data.status).to.deep.equal(mark);
    expect(res.body.meta.datasetStatus).to.deep.equal(mark);

    const read = await getJson(base);
    expect(read.body.data.status).to.deep.equal(mark);
    expect(read.body.meta.datasetStatus).to.deep.equal(mark);
    const listed = await getJson('/api/v1/datasets?status=repealed&limit=500');
    expect(listed.body.data.map((d: { id: string }) => d.id)).to.include(id);

    const data = await rows('');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 200, data);
    expect(data.meta.datasetStatus).to.deep.equal(mark);
    expect(data.data).to.have.length(1);

    const exported = await getJson(`/api/v1/datasets/${id}/export.csv?schemaVersion=1`);
    expect(exported.status).to.equal(200);
    expect(exported.headers.get('x-dataset-status')).to.equal(
      `repealed; date=2026-11-20; reason=${encodeURIComponent(reason)}`,
    );
    expect((exported.body as string).trim().split('\n')).to.have.length(5);
    const current = await getJson(`/api/v1/datasets/${id}/export.csv`);
    expect(current.status).to.equal(200);
    expect(current.headers.get('x-dataset-status')).to.match(/^repealed; date=2026-11-20; reason=/);
    expect(current.body).to.contain('新口径');

    // Back to active clears date and reason.
    const reactivated = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify({ status: 'active' }),
    });
    expect(reactivated.status).to.equal(200);
    expect(reactivated.body.data.status).to.deep.equal({
      status: 'active',
      label: '有效',
      date: null,
      reason: null,
    });
    const plain = await getJson(`/api/v1/datasets/${id}/export.csv`);
    expect(plain.headers.get('x-dataset-status')).to.equal('active');
  });

  // BUG: POST /api/v1/datasets passes req.body straight to createDataset (src/http/rest/admin.router.ts);
  // without a JSON body it is undefined and normalizeDatasetInput (src/catalog/dataset-input.ts)
  // throws a TypeError reading `id`: the answer is 500 internal_error instead of a 400.
  it('BUG: answers a dataset creation without a JSON body with 400, not 500', async () => {
    const res = await getJson('/api/v1/datasets', { method: 'POST', headers: adminHeaders() });
    expect(res.status).to.equal(400);
    assertMatchesSpec('/api/v1/datasets', 'post', 400, res.body);
  });

  // BUG: normalizeDatasetInput checks the id with SLUG.test(input.id); RegExp#test turns a missing
  // id into the string "undefined", which matches, so no $.id issue is raised and the INSERT fails:
  // 400 not_null_violation whose details expose the database row ("Failing row contains …")
  // instead of 400 invalid_dataset naming $.id.
  it('BUG: reports a missing dataset id as invalid_dataset at $.id', async () => {
    const { id: _id, ...withoutId } = datasetInput('unused-id');
    const res = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify(withoutId),
    });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('invalid_dataset');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include('$.id');
  });

  // BUG: markDatasetStatus (src/catalog/datasets.service.ts) calls mark.reason.trim() on any
  // truthy JSON value; a number throws a TypeError and the answer is 500.
  it('BUG: answers a non-string status reason with 400 invalid_status, not 500', async () => {
    const res = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify({ status: 'expired', date: '2026-11-20', reason: 123 }),
    });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('invalid_status');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include('$.reason');
  });

  // BUG: markDatasetStatus validates the date with Date.parse, which accepts 2026-02-30 (it rolls
  // over to 2 March); the database then refuses it and the client gets 400 invalid_value with
  // no path instead of 400 invalid_status naming $.date.
  it('BUG: reports an impossible status date as invalid_status at $.date', async () => {
    const res = await getJson(`${base}/status`, {
      method: 'PUT',
      headers: jsonHeaders(adminHeaders()),
      body: JSON.stringify({ status: 'expired', date: '2026-02-30', reason: '测试' }),
    });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('invalid_status');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include('$.date');
  });

  // Runs last: on PostgreSQL a refused upload currently leaves the dataset locked.
  // BUG (PostgreSQL only): the upload is refused while its COPY ... FROM STDIN is open and is never
  // answered; see the COPY BUG in publishing.test.ts (src/ingest/publish-release.ts,
  // src/db/copy-in.ts).
  it('refuses an upload in the shape of an older MAJOR version with 400 invalid_header', async () => {
    const oldShape = await publish('2026-08', 'period,region,amount,households\n2026-08,140100,14,102\n');
    expect(oldShape.status, JSON.stringify(oldShape.body)).to.equal(400);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 400, oldShape.body);
    expect(oldShape.body.error.code).to.equal('invalid_header');
    expect(oldShape.body.error.details.unknown).to.deep.equal(['households']);
    expect(oldShape.body.error.details.missing).to.deep.equal([]);
  });
});
