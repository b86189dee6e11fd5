import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import {
  act,
  beijingToday,
  CONTACT,
  freshAgency,
  recordPaper,
  requestBody,
  SECRETS,
} from '../support/requests';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability';
import { startAppServer } from '../support/app-server';
import { getJson, testServer } from '../support/server';

/** Private to the agency, though not personal data: never in a public answer either. */
const DESCRIPTION = '请提供本人所在村2025年度低保审批材料';
const PURPOSE = '核实家庭补助情况';

function expectClean(text: string, where: string, extra: string[] = []) {
  for (const s of [...SECRETS, ...extra]) expect(text, `${where} leaks ${s}`).not.to.contain(s);
}

async function gql(query: string, headers: Record<string, string> = {}) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return res.body as { data?: any; errors?: Array<{ extensions: { code: string } }> };
}

describe('negative list (负面清单): a requester’s personal details are never served or logged', () => {
  let agency: string;
  let tn: string;
  const year = beijingToday().slice(0, 4);

  before(async () => {
    agency = await freshAgency('neg-req');
    tn = await recordPaper(agency, beijingToday(), { description: DESCRIPTION, purpose: PURPOSE });
    await act(agency, tn, 'answer', { type: 'unable', reason: 'not_held', reply: '本机关不掌握该信息。' });
  });

  it('keeps them for the responsible agency alone (the case view)', async () => {
    const c = await getJson(`/api/v1/requests/${tn}/case`, { headers: await bearer(agency) });
    expect(c.body.data.contact).to.include(CONTACT);
    expect(c.body.data.description).to.equal(DESCRIPTION);
  });

  it('never shows them on any public REST path or page', async () => {
    const { url } = await testServer();
    const paths = [
      `/api/v1/requests/${tn}`,
      `/requests/${tn}`,
      `/api/v1/agencies/${agency}/requests/timeliness?year=${year}`,
      `/api/v1/agencies/${agency}/requests/disclosure-candidates`,
      `/api/v1/agencies/${agency}/requests/annual-report?year=${year}`,
      `/api/v1/agencies/${agency}/requests/annual-report.csv?year=${year}`,
      `/api/v1/agencies/${agency}/timeliness?year=${year}`,
      `/api/v1/timeliness?year=${year}`,
      `/api/v1/calendar?agency=${agency}`,
    ];
    for (const path of paths) {
      const res = await fetch(url + path);
      expect(res.status, path).to.equal(200);
      expectClean(await res.text(), path, [DESCRIPTION, PURPOSE]);
    }
  });

  it('keeps them out of the queue, the admin lists and the audit log', async () => {
    const queue = await getJson('/api/v1/requests/queue?status=all', { headers: await bearer(agency) });
    expect(queue.body.data.length).to.be.greaterThan(0);
    expectClean(JSON.stringify(queue.body), 'the queue');
    const admin = await getJson(`/api/v1/admin/requests?status=answered&agency=${agency}`, {
      headers: adminHeaders(),
    });
    expect(admin.body.data.length).to.equal(1);
    expectClean(JSON.stringify(admin.body), 'the admin list');
    const audit = await getJson('/api/v1/admin/audit?limit=200', { headers: adminHeaders() });
    expectClean(JSON.stringify(audit.body), 'the audit log', [DESCRIPTION, PURPOSE]);
  });

  it('has no GraphQL type that could carry them, and no answer that does', async () => {
    const intro = await gql(
      `{ a: __type(name: "DataRequest") { fields { name } } b: __type(name: "DataRequestStatus") { fields { name } } }`,
    );
    const names = [...intro.data.a.fields, ...intro.data.b.fields].map((f: { name: string }) => f.name);
    expect(names).to.include('trackingNumber');
    for (const f of ['contact', 'name', 'phone', 'email', 'address', 'organisation'])
      expect(names).not.to.include(f);
    expect(intro.data.b.fields.map((f: { name: string }) => f.name)).not.to.include.members([
      'description',
      'purpose',
    ]);

    const pub =
      await gql(`{ dataRequest(trackingNumber: "${tn}") { trackingNumber status subject agency { id }
      deadline { state dueOn } answer { type reasonLabel { zh } remedy } events { kind on note } } }`);
    expect(pub.errors).to.equal(undefined);
    expect(pub.data.dataRequest).to.deep.include({ trackingNumber: tn, status: 'ANSWERED' });
    expect(pub.data.dataRequest.answer.reasonLabel.zh).to.equal('本机关不掌握相关政府信息');
    expectClean(JSON.stringify(pub), 'GraphQL dataRequest', [DESCRIPTION, PURPOSE]);

    const anonymous = await gql('{ requestQueue { trackingNumber } }');
    expect(anonymous.errors?.[0]?.extensions.code).to.equal('UNAUTHENTICATED');
    const queue = await gql(
      '{ requestQueue(status: ALL) { trackingNumber description requesterType deadline { state } } }',
      await bearer(agency),
    );
    expect(queue.errors).to.equal(undefined);
    expect(queue.data.requestQueue.map((r: { trackingNumber: string }) => r.trackingNumber)).to.include(tn);
    expectClean(JSON.stringify(queue), 'GraphQL requestQueue');
    const agencyFields = await gql(
      `{ agency(id: "${agency}") { requestTimeliness(year: ${Number(year) + 1}) { due onTime } disclosureCandidates { subject } } }`,
    );
    expect(agencyFields.errors).to.equal(undefined);
    expectClean(JSON.stringify(agencyFields), 'GraphQL agency fields', [DESCRIPTION, PURPOSE]);
  });

  it('never writes them to the request log or the error log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await startAppServer({ LOG_REQUESTS: 'true' }, { logger: createLogger('debug', sink) });
    const original = { log: console.log, error: console.error, warn: console.warn };
    const capture = (...args: unknown[]) =>
      void lines.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
    console.log = console.error = console.warn = capture;
    try {
      const post = (body: unknown) =>
        fetch(`${app.url}/api/v1/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post(requestBody(agency))).status).to.equal(201);
      expect(
        (await post({ ...requestBody(agency), contact: { ...CONTACT, email: `${CONTACT.email}@@` } })).status,
      ).to.equal(400);
      const viaForm = await fetch(`${app.url}/requests/new`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          subject: 's',
          description: 'd',
          requesterType: 'natural_person',
          ...CONTACT,
          agency,
        }).toString(),
      });
      expect(viaForm.status).to.equal(201);
    } finally {
      Object.assign(console, original);
      await app.close();
    }
    expect(lines.length, 'the request log is on').to.be.greaterThan(0);
    expectClean(lines.join('\n'), 'the logs');
  });
});
