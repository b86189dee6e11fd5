import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { adminHeaders, bearer, publisherToken } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset } from '../support/tiny-dataset';

/** A request id of our own, so the test can find the audit entry its request left. */
const tagged = () => `audit-${randomUUID()}`;

async function auditEntry(requestId: string): Promise<any> {
  const { status, body } = await getJson('/api/v1/admin/audit?limit=200', { headers: adminHeaders() });
  expect(status).to.equal(200);
  assertMatchesSpec('/api/v1/admin/audit', 'get', 200, body);
  const entries = body.data.filter((e: { request_id: string }) => e.request_id === requestId);
  expect(entries, `audit entries for ${requestId}`).to.have.length(1);
  return entries[0];
}

async function mintToken(name: string, agency: string): Promise<{ id: number; token: string }> {
  const res = await getJson('/api/v1/admin/tokens', {
    method: 'POST',
    headers: { ...adminHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ name, role: 'publisher', agency }),
  });
  expect(res.status).to.equal(201);
  return { id: res.body.data.id, token: res.body.data.token };
}

describe('refused credentials and permissions are audited', function () {
  this.timeout(120_000);
  before(() => testServer());

  it('audits an unknown, a revoked and a malformed token where they are refused, and never the token', async () => {
    const unknown = 'sxod_thisIsNotAnyTokenThatExists0123456';
    const revoked = await mintToken('soon revoked', 'sx-finance');
    expect(
      (await getJson(`/api/v1/admin/tokens/${revoked.id}`, { method: 'DELETE', headers: adminHeaders() }))
        .status,
    ).to.equal(204);

    const ids = { unknown: tagged(), revoked: tagged(), malformed: tagged() };
    const asks: Array<[keyof typeof ids, string, string]> = [
      ['unknown', `Bearer ${unknown}`, 'invalid_token'],
      ['revoked', `Bearer ${revoked.token}`, 'invalid_token'],
      ['malformed', `Basic ${Buffer.from(`x:${unknown}`).toString('base64')}`, 'invalid_authorization'],
    ];
    for (const [which, authorization, code] of asks) {
      const res = await getJson('/api/v1/whoami', {
        headers: { authorization, 'x-request-id': ids[which], 'user-agent': 'audit-probe/1.0' },
      });
      expect(res.status, which).to.equal(401);
      // The client is not told whether the token is unknown or revoked.
      expect(res.body.error.code, which).to.equal(code);
    }

    const u = await auditEntry(ids.unknown);
    expect(u).to.include({
      actor: 'unauthenticated',
      action: 'authenticate',
      outcome: 'rejected',
      user_agent: 'audit-probe/1.0',
    });
    expect(u.ip).to.match(/127\.0\.0\.1|::1/);
    expect(u.detail).to.deep.equal({
      code: 'invalid_token',
      reason: 'unknown',
      target: 'GET /api/v1/whoami',
    });

    const r = await auditEntry(ids.revoked);
    expect(r).to.include({ actor: `token:${revoked.id}:soon revoked`, agency_id: 'sx-finance' });
    expect(r.detail).to.include({ code: 'invalid_token', reason: 'revoked' });

    const m = await auditEntry(ids.malformed);
    expect(m.detail).to.include({ code: 'invalid_authorization', reason: 'malformed' });

    const all = JSON.stringify([u, r, m]);
    for (const secret of [unknown, revoked.token, revoked.token.slice(0, 12), 'Basic']) {
      expect(all, secret).to.not.include(secret);
    }
  });

  it('audits admin_only refusals with the token that tried and what it tried', async () => {
    const token = await publisherToken('sx-agriculture');
    const create = tagged();
    const res = await getJson('/api/v1/admin/tokens', {
      method: 'POST',
      headers: {
        ...(await bearer('sx-agriculture')),
        'content-type': 'application/json',
        'x-request-id': create,
      },
      body: JSON.stringify({ name: 'escalation', role: 'admin' }),
    });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('admin_only');
    const read = tagged();
    const audit = await getJson('/api/v1/admin/audit', {
      headers: { ...(await bearer('sx-agriculture')), 'x-request-id': read },
    });
    expect(audit.status).to.equal(403);

    const c = await auditEntry(create);
    expect(c).to.include({ action: 'token.create', outcome: 'rejected', agency_id: 'sx-agriculture' });
    expect(c.actor).to.match(/^token:\d+:test sx-agriculture$/);
    expect(c.detail).to.deep.equal({ code: 'admin_only', target: 'POST /api/v1/admin/tokens' });
    expect((await auditEntry(read)).detail).to.include({ code: 'admin_only' });
    expect(JSON.stringify(c)).to.not.include(token);
  });

  it('audits not_responsible refusals of uploads', async () => {
    const id = await createTinyDataset(
      'refused',
      [{ name: 'city', type: 'string', title: { zh: '城市', en: 'City' } }],
      ['period', 'city'],
    );
    const requestId = tagged();
    const res = await getJson(`/api/v1/datasets/${id}/releases?period=2026-01`, {
      method: 'POST',
      headers: { ...(await bearer('sx-agriculture')), 'content-type': 'text/csv', 'x-request-id': requestId },
      body: 'period,city\n2026-01,太原\n',
    });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('not_responsible');
    const entry = await auditEntry(requestId);
    expect(entry).to.include({ action: 'release.publish', outcome: 'rejected', dataset_id: id });
    expect(entry.detail).to.deep.equal({
      code: 'not_responsible',
      target: `POST /api/v1/datasets/${id}/releases`,
    });
  });
});
