import { expect } from 'chai';
import { randomInt, randomUUID } from 'node:crypto';
import { startAppServer, type AppServer } from '../support/app-server';
import { adminHeaders, bearer } from '../support/auth';
import { testDatasetBody } from '../support/dataset-body';
import { assertMatchesSpec } from '../support/openapi';
import { beijingToday, freshAgency, recordPaper } from '../support/requests';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

/**
 * Every publishing and admin action is authorized, written and audited in one transaction
 * (src/catalog/acting.ts). Seen from outside: an accepted action leaves exactly one success
 * entry, stamped with its write's transaction time; a refusal leaves a rejected entry with
 * who, what, where and the code; and a write that fails at commit, after its audit entry was
 * inserted, leaves no entry claiming success.
 */

type Res = { status: number; body: any; headers: Headers };
type Headers_ = Record<string, string>;

/** Success entries of requests with this id prefix fail at COMMIT: after they were inserted. */
const FAIL_AT_COMMIT = 'fail-at-commit-';

const json = (h: Headers_) => ({ ...h, 'content-type': 'application/json' });

async function auditOf(requestId: string): Promise<any[]> {
  const { status, body } = await getJson('/api/v1/admin/audit?limit=1000', { headers: adminHeaders() });
  expect(status).to.equal(200);
  assertMatchesSpec('/api/v1/admin/audit', 'get', 200, body);
  return body.data.filter((e: { request_id: string }) => e.request_id === requestId);
}

/**
 * A deferred trigger that fails the COMMIT of any transaction that inserted a success entry
 * for a FAIL_AT_COMMIT request: the write and its entry were both made, then the commit fails.
 */
async function installFailAtCommit(): Promise<void> {
  const { db } = await testServer();
  await db.knex.raw(`
    CREATE OR REPLACE FUNCTION policy_test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'refused at commit by the test' USING ERRCODE = '40001';
    END $$`);
  await db.knex.raw('DROP TRIGGER IF EXISTS policy_test_fail_at_commit ON audit_log');
  await db.knex.raw(`
    CREATE CONSTRAINT TRIGGER policy_test_fail_at_commit AFTER INSERT ON audit_log
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.outcome = 'success' AND NEW.request_id LIKE '${FAIL_AT_COMMIT}%')
    EXECUTE FUNCTION policy_test_fail_at_commit()`);
}

async function removeFailAtCommit(): Promise<void> {
  const { db } = await testServer();
  await db.knex.raw('DROP TRIGGER IF EXISTS policy_test_fail_at_commit ON audit_log');
  await db.knex.raw('DROP FUNCTION IF EXISTS policy_test_fail_at_commit()');
}

interface ActionCase {
  action: string;
  ok: number;
  /** Sends the n-th variant of the action (fresh names, periods) with these headers. */
  send: (h: Headers_, n: number) => Promise<Res>;
  /** Someone authenticated who may not do it, and the code they get. */
  outsider: () => Promise<Headers_>;
  outsiderCode: string;
  /** When the accepted answer shows its write's time, the audit entry carries the same. */
  writtenAt?: (res: Res) => string;
  /** What the action would have changed after variant n failed: it must not be there. */
  absent: (n: number) => Promise<void>;
  target: (n: number) => string;
}

describe('actions are authorized, written and audited in one transaction', function () {
  this.timeout(120_000);
  let id: string;
  let seq = 0;

  const schemaDoc = (extra: number) => ({
    fields: [
      { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
      { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
      ...Array.from({ length: extra }, (_, i) => ({
        name: `note_${i + 1}`,
        type: 'string',
        title: { zh: `备注${i + 1}`, en: `Note ${i + 1}` },
      })),
    ],
    primaryKey: ['period', 'city'],
    missingValues: ['NA'],
  });
  let schemaFields = 0;

  const periodOf = (n: number) => `2019-${String((n % 12) + 1).padStart(2, '0')}`;
  const interpretedPeriod = (n: number) => `2017-${String((n % 12) + 1).padStart(2, '0')}`;
  const tokenName = (n: number) => `policy token ${n}`;
  const agencyId = (n: number) => `policy-agency-${n}`;
  const datasetId = (n: number) => `policy-ds-${n}`;
  const revocable: number[] = [];
  const interpreted = new Set<string>();

  before(async function () {
    // The shared server migrates and seeds on first use, which is slow on a busy machine.
    this.timeout(600_000);
    await testServer();
    id = await createTinyDataset(
      'policy',
      [{ name: 'city', type: 'string', title: { zh: '城市', en: 'City' } }],
      ['period', 'city'],
    );
    await publishTiny(id, '2018-01', [{ period: '2018-01', city: '太原' }]);
    seq = randomInt(1_000_000) * 100;
    await installFailAtCommit();
  });

  after(removeFailAtCommit);

  async function mintRevocable(): Promise<number> {
    const res = await getJson('/api/v1/admin/tokens', {
      method: 'POST',
      headers: json(adminHeaders()),
      body: JSON.stringify({ name: `to revoke ${randomUUID()}`, role: 'publisher', agency: 'sx-finance' }),
    });
    expect(res.status).to.equal(201);
    return res.body.data.id as number;
  }

  const cases: ActionCase[] = [
    {
      action: 'release.publish',
      ok: 201,
      send: (h, n) =>
        getJson(`/api/v1/datasets/${id}/releases?period=${periodOf(n)}`, {
          method: 'POST',
          headers: { ...h, 'content-type': 'text/csv' },
          body: `period,city\n${periodOf(n)},太原\n`,
        }),
      outsider: () => bearer('sx-finance'),
      outsiderCode: 'not_responsible',
      writtenAt: (res) => res.body.data.createdAt,
      absent: async (n) => {
        const list = await getJson(`/api/v1/datasets/${id}/releases`);
        const periods = list.body.data.map((r: { period: { id: string } }) => r.period.id);
        expect(periods).to.not.include(periodOf(n));
      },
      target: () => `POST /api/v1/datasets/${id}/releases`,
    },
    {
      action: 'schema.register',
      ok: 201,
      send: async (h) => {
        const res = await getJson(`/api/v1/datasets/${id}/schema/versions`, {
          method: 'POST',
          headers: json(h),
          body: JSON.stringify(schemaDoc(schemaFields + 1)),
        });
        if (res.status === 201) schemaFields += 1;
        return res;
      },
      outsider: () => bearer('sx-finance'),
      outsiderCode: 'not_responsible',
      writtenAt: (res) => res.body.data.createdAt,
      absent: async () => {
        const schema = await getJson(`/api/v1/datasets/${id}/schema`);
        expect(schema.body.data.schema.fields.map((f: { name: string }) => f.name)).to.not.include(
          `note_${schemaFields + 1}`,
        );
      },
      target: () => `POST /api/v1/datasets/${id}/schema/versions`,
    },
    {
      action: 'dataset.status',
      ok: 200,
      send: (h, n) =>
        getJson(`/api/v1/datasets/${id}/status`, {
          method: 'PUT',
          headers: json(h),
          body: JSON.stringify({ status: 'expired', date: '2020-01-01', reason: `policy test ${n}` }),
        }),
      outsider: () => bearer('sx-finance'),
      outsiderCode: 'not_responsible',
      absent: async (n) => {
        const d = await getJson(`/api/v1/datasets/${id}`);
        expect(JSON.stringify(d.body.data)).to.not.include(`policy test ${n}`);
      },
      target: () => `PUT /api/v1/datasets/${id}/status`,
    },
    {
      action: 'token.create',
      ok: 201,
      send: (h, n) =>
        getJson('/api/v1/admin/tokens', {
          method: 'POST',
          headers: json(h),
          body: JSON.stringify({ name: tokenName(n), role: 'publisher', agency: 'sx-finance' }),
        }),
      outsider: () => bearer('test-agency'),
      outsiderCode: 'admin_only',
      writtenAt: (res) => res.body.data.createdAt,
      absent: async (n) => {
        const list = await getJson('/api/v1/admin/tokens', { headers: adminHeaders() });
        expect(list.body.data.map((t: { name: string }) => t.name)).to.not.include(tokenName(n));
      },
      target: () => 'POST /api/v1/admin/tokens',
    },
    {
      action: 'token.revoke',
      ok: 204,
      send: async (h) => {
        const tokenId = await mintRevocable();
        revocable.push(tokenId);
        return getJson(`/api/v1/admin/tokens/${tokenId}`, { method: 'DELETE', headers: h });
      },
      outsider: () => bearer('test-agency'),
      outsiderCode: 'admin_only',
      absent: async () => {
        const list = await getJson('/api/v1/admin/tokens', { headers: adminHeaders() });
        const last = list.body.data.find((t: { id: number }) => t.id === revocable.at(-1));
        expect(last.revokedAt).to.equal(null);
      },
      target: () => `DELETE /api/v1/admin/tokens/${revocable.at(-1)}`,
    },
    {
      action: 'agency.upsert',
      ok: 201,
      send: (h, n) =>
        getJson('/api/v1/agencies', {
          method: 'POST',
          headers: json(h),
          body: JSON.stringify({ id: agencyId(n), name: { zh: '策略测试厅', en: 'Policy test' } }),
        }),
      outsider: () => bearer('test-agency'),
      outsiderCode: 'admin_only',
      absent: async (n) => {
        expect((await getJson(`/api/v1/agencies/${agencyId(n)}`)).status).to.equal(404);
      },
      target: () => 'POST /api/v1/agencies',
    },
    {
      action: 'dataset.create',
      ok: 201,
      send: (h, n) =>
        getJson('/api/v1/datasets', {
          method: 'POST',
          headers: json(h),
          body: JSON.stringify(testDatasetBody(datasetId(n), 'test-agency', { cadence: 'monthly' })),
        }),
      outsider: () => bearer('test-agency'),
      outsiderCode: 'admin_only',
      writtenAt: (res) => res.body.data.createdAt,
      absent: async (n) => {
        expect((await getJson(`/api/v1/datasets/${datasetId(n)}`)).status).to.equal(404);
      },
      target: () => 'POST /api/v1/datasets',
    },
    {
      action: 'release.interpretation',
      ok: 200,
      send: async (h, n) => {
        const period = interpretedPeriod(n);
        if (!interpreted.has(period)) await publishTiny(id, period, [{ period, city: '太原' }]);
        interpreted.add(period);
        return getJson(`/api/v1/datasets/${id}/releases/${period}/interpretation`, {
          method: 'PUT',
          headers: json(h),
          body: JSON.stringify({ text: { zh: `解读 ${n}`, en: `Reading ${n}` } }),
        });
      },
      outsider: () => bearer('sx-finance'),
      outsiderCode: 'not_responsible',
      writtenAt: (res) => res.body.data.createdAt,
      absent: async (n) => {
        const period = interpretedPeriod(n);
        const got = await getJson(`/api/v1/datasets/${id}/releases/${period}/interpretation`);
        expect(got.status).to.equal(404);
      },
      target: (n) => `PUT /api/v1/datasets/${id}/releases/${interpretedPeriod(n)}/interpretation`,
    },
  ];

  for (const c of cases) {
    describe(c.action, () => {
      it('writes exactly one success entry, in the transaction of the write', async () => {
        const n = ++seq;
        const requestId = `policy-${randomUUID()}`;
        const manager = c.outsiderCode === 'admin_only' ? adminHeaders() : await bearer('test-agency');
        const res = await c.send({ ...manager, 'x-request-id': requestId }, n);
        expect(res.status, JSON.stringify(res.body)).to.equal(c.ok);
        const entries = await auditOf(requestId);
        expect(entries).to.have.length(1);
        expect(entries[0]).to.include({ action: c.action, outcome: 'success' });
        if (c.writtenAt) {
          // now() is the transaction's start time: equal stamps mean one transaction.
          expect(new Date(entries[0].at).getTime()).to.equal(new Date(c.writtenAt(res)).getTime());
        }
      });

      it('audits an anonymous refusal and an outsider’s refusal, with the target and the code', async () => {
        const n = ++seq;
        const anonymousId = `policy-${randomUUID()}`;
        const anon = await c.send({ 'x-request-id': anonymousId }, n);
        expect(anon.status).to.equal(401);
        expect(anon.body.error.code).to.equal('authentication_required');
        const [a, ...more] = await auditOf(anonymousId);
        expect(more).to.have.length(0);
        expect(a).to.include({ actor: 'anonymous', action: c.action, outcome: 'rejected' });
        expect(a.detail).to.deep.equal({ code: 'authentication_required', target: c.target(n) });

        const outsiderId = `policy-${randomUUID()}`;
        const refused = await c.send({ ...(await c.outsider()), 'x-request-id': outsiderId }, n);
        expect(refused.status).to.equal(403);
        expect(refused.body.error.code).to.equal(c.outsiderCode);
        const [o, ...others] = await auditOf(outsiderId);
        expect(others).to.have.length(0);
        expect(o).to.include({ action: c.action, outcome: 'rejected' });
        expect(o.actor).to.match(/^token:\d+:test /);
        expect(o.detail).to.deep.equal({ code: c.outsiderCode, target: c.target(n) });
        await c.absent(n);
      });

      it('leaves no success entry when the write fails at commit, after its entry was inserted', async () => {
        const n = ++seq;
        const requestId = `${FAIL_AT_COMMIT}${randomUUID()}`;
        const manager = c.outsiderCode === 'admin_only' ? adminHeaders() : await bearer('test-agency');
        const res = await c.send({ ...manager, 'x-request-id': requestId }, n);
        expect(res.status, JSON.stringify(res.body)).to.equal(409);
        expect(res.body.error.code).to.equal('concurrent_update');
        const entries = await auditOf(requestId);
        expect(entries.map((e) => e.outcome)).to.deep.equal(['rejected']);
        expect(entries[0]).to.include({ action: c.action });
        expect(entries[0].detail).to.include({ code: 'concurrent_update' });
        await c.absent(n);
      });
    });
  }
});

describe('request and 纠错 handling is audited the same way', function () {
  this.timeout(120_000);
  let id: string;

  before(async function () {
    this.timeout(600_000);
    id = await createTinyDataset(
      'policy-fb',
      [{ name: 'city', type: 'string', title: { zh: '城市', en: 'City' } }],
      ['period', 'city'],
    );
    await publishTiny(id, '2018-02', [{ period: '2018-02', city: '太原' }]);
    await installFailAtCommit();
  });

  after(removeFailAtCommit);

  async function newReport(): Promise<string> {
    const res = await getJson(`/api/v1/datasets/${id}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'other', description: '数据口径需要说明。' }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.data.trackingNumber as string;
  }

  const respond = async (tn: string, h: Headers_) =>
    getJson(`/api/v1/feedback/${tn}/response`, {
      method: 'POST',
      headers: json(h),
      body: JSON.stringify({ status: 'acknowledged', publicResponse: '正在核实。' }),
    });

  it('audits an answer in its transaction, and its refusals', async () => {
    const tn = await newReport();
    const anonymous = `policy-${randomUUID()}`;
    expect((await respond(tn, { 'x-request-id': anonymous })).status).to.equal(401);
    const outsider = `policy-${randomUUID()}`;
    expect(
      (await respond(tn, { ...(await bearer('sx-finance')), 'x-request-id': outsider })).status,
    ).to.equal(403);
    const ok = `policy-${randomUUID()}`;
    expect((await respond(tn, { ...(await bearer('test-agency')), 'x-request-id': ok })).status).to.equal(
      200,
    );

    const [a] = await auditOf(anonymous);
    expect(a).to.include({ actor: 'anonymous', action: 'feedback.respond', outcome: 'rejected' });
    expect(a.detail).to.deep.equal({
      code: 'authentication_required',
      target: `POST /api/v1/feedback/${tn}/response`,
    });
    const [o] = await auditOf(outsider);
    expect(o).to.include({ action: 'feedback.respond', outcome: 'rejected', agency_id: 'sx-finance' });
    expect(o.detail).to.include({ code: 'not_responsible' });
    const done = await auditOf(ok);
    expect(done).to.have.length(1);
    expect(done[0]).to.include({ action: 'feedback.respond', outcome: 'success', dataset_id: id });
    expect(done[0].detail).to.include({ trackingNumber: tn, status: 'acknowledged' });
  });

  it('leaves a report unanswered, and no success entry, when the answer fails at commit', async () => {
    const tn = await newReport();
    const requestId = `${FAIL_AT_COMMIT}${randomUUID()}`;
    const res = await respond(tn, { ...(await bearer('test-agency')), 'x-request-id': requestId });
    expect(res.status).to.equal(409);
    expect((await auditOf(requestId)).map((e) => e.outcome)).to.deep.equal(['rejected']);
    const shown = await getJson(`/api/v1/feedback/${tn}`);
    expect(shown.body.data.status).to.equal('open');
  });

  it('audits a refused step on a data request, with the step and the request it named', async () => {
    const agency = await freshAgency('policy');
    const tn = await recordPaper(agency, beijingToday());
    const requestId = `policy-${randomUUID()}`;
    const res = await getJson(`/api/v1/requests/${tn}/spam`, {
      method: 'POST',
      headers: { ...(await bearer('sx-finance')), 'x-request-id': requestId },
    });
    expect(res.status).to.equal(403);
    const [e, ...more] = await auditOf(requestId);
    expect(more).to.have.length(0);
    expect(e).to.include({ action: 'request.spam', outcome: 'rejected', agency_id: 'sx-finance' });
    expect(e.detail).to.deep.equal({ code: 'not_responsible', target: `POST /api/v1/requests/${tn}/spam` });
  });
});

describe('refusals cannot flood the audit log (REFUSAL_AUDIT_LIMIT)', function () {
  this.timeout(120_000);
  let app: AppServer | undefined;

  before(async () => {
    app = await startAppServer({
      TRUST_PROXY: 'loopback',
      REFUSAL_AUDIT_LIMIT: '3',
      REFUSAL_AUDIT_WINDOW_MS: '60000',
    });
  });

  after(() => app?.close());

  it('records the first refusals of a client, says once that it stops, and still refuses every request', async () => {
    const from = `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${app!.url}/api/v1/admin/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ name: 'flood', role: 'admin' }),
      });
      expect(res.status).to.equal(401);
    }
    const entries = (
      await getJson('/api/v1/admin/audit?limit=1000', { headers: adminHeaders() })
    ).body.data.filter((e: { ip: string }) => e.ip === from);
    const actions = entries.map((e: { action: string }) => e.action).reverse();
    expect(actions).to.deep.equal([
      'token.create',
      'token.create',
      'token.create',
      'audit.refusals_suppressed',
    ]);
    const marker = entries[0];
    expect(marker).to.include({ actor: 'anonymous', outcome: 'rejected' });
    expect(marker.detail).to.include({ limit: 3, windowSeconds: 60 });
  });
});
