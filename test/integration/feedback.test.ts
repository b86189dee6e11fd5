import { expect } from 'chai';
import { bearer } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const EMAIL = 'reporter.zhou@example.cn';

async function report(datasetId: string, body: Record<string, unknown>) {
  return getJson(`/api/v1/datasets/${datasetId}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function respond(tn: string, agency: string, body: Record<string, unknown>) {
  return getJson(`/api/v1/feedback/${tn}/response`, {
    method: 'POST',
    headers: { ...(await bearer(agency)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('feedback and corrections (纠错)', () => {
  let datasetId: string;
  let release: { id: number; period: string };

  before(async () => {
    datasetId = await createTinyDataset(
      'fb',
      [
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' }, unit: '元' },
      ],
      ['period', 'city'],
    );
    const rel = await publishTiny(datasetId, '2020-01', [
      { city: '太原', price: '5.5' },
      { city: '大同', price: '55' },
    ]);
    release = { id: rel.id, period: rel.period };
  });

  it('takes a report on a row, its release and field; shows it publicly without the email', async () => {
    const res = await report(datasetId, {
      kind: 'wrong_value',
      release: release.id,
      field: 'price',
      row: { period: '2020-01', city: '大同' },
      description: '大同价格应为5.5元，多了一位小数点前的数字。',
      email: EMAIL,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/feedback', 'post', 201, res.body);
    const d = res.body.data;
    expect(d.trackingNumber).to.match(/^JC\d{4}-[0-9A-Z]{8}$/);
    expect(d).to.deep.include({ kind: 'wrong_value', status: 'open', period: '2020-01', field: 'price' });
    expect(d.row).to.deep.equal({ period: '2020-01', city: '大同' });
    expect(d.release).to.include({ id: release.id, revision: 1 });
    expect(JSON.stringify(res.body)).not.to.contain(EMAIL);

    const one = await getJson(`/api/v1/feedback/${d.trackingNumber}`);
    assertMatchesSpec('/api/v1/feedback/{trackingNumber}', 'get', 200, one.body);
    const list = await getJson(`/api/v1/datasets/${datasetId}/feedback`);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/feedback', 'get', 200, list.body);
    expect(list.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).to.include(
      d.trackingNumber,
    );
    expect(list.body.meta.counts.open).to.be.at.least(1);
    for (const body of [one.body, list.body]) expect(JSON.stringify(body)).not.to.contain(EMAIL);
  });

  it('checks what a report names against the dataset, and refuses restricted fields as unknown', async () => {
    const res = await report(datasetId, {
      kind: 'missing_period',
      field: 'head_name',
      row: { nowhere: 'x' },
      release: 999999999,
      description: '',
    });
    expect(res.status).to.equal(400);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/feedback', 'post', 400, res.body);
    expect(res.body.error.code).to.equal('invalid_feedback');
    expect(res.body.error.details.map((i: { path: string }) => i.path)).to.include.members([
      '$.description',
      '$.release',
      '$.field',
      '$.row.nowhere',
      '$.period',
    ]);
    const restricted = await report('poverty-registry', {
      kind: 'wrong_value',
      field: 'head_name',
      description: '姓名写错',
    });
    expect(restricted.body.error.details).to.deep.equal([
      { path: '$.field', message: 'must be a public field of the dataset' },
    ]);
    const missing = await report(datasetId, {
      kind: 'missing_period',
      period: '2020-02',
      description: '二月数据没有发布',
    });
    expect(missing.status).to.equal(201);
    expect((await report('no-such-dataset', { kind: 'other', description: 'x' })).status).to.equal(404);
  });

  it('keeps spam out of the public list and the queue', async () => {
    const spam = await report(datasetId, {
      kind: 'other',
      description: '优惠',
      website: 'http://ads.example',
    });
    expect(spam.status).to.equal(201);
    expect(spam.body.data.status).to.equal('spam');
    const list = await getJson(`/api/v1/datasets/${datasetId}/feedback`);
    expect(list.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).not.to.include(
      spam.body.data.trackingNumber,
    );
    expect((await getJson(`/api/v1/feedback/${spam.body.data.trackingNumber}`)).status).to.equal(404);
    const queue = await getJson('/api/v1/feedback/queue?status=spam', {
      headers: await bearer('test-agency'),
    });
    expect(queue.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).to.include(
      spam.body.data.trackingNumber,
    );
  });

  it('lets the responsible agency answer, publicly, and link the revision that fixes it', async () => {
    const { body } = await report(datasetId, {
      kind: 'wrong_value',
      row: { period: '2020-01', city: '太原' },
      field: 'price',
      description: '太原价格疑似有误',
      email: EMAIL,
    });
    const tn = body.data.trackingNumber as string;

    const queue = await getJson('/api/v1/feedback/queue', { headers: await bearer('test-agency') });
    expect(queue.status).to.equal(200);
    assertMatchesSpec('/api/v1/feedback/queue', 'get', 200, queue.body);
    const mine = queue.body.data.find((r: { trackingNumber: string }) => r.trackingNumber === tn);
    expect(mine.email).to.equal(EMAIL);
    const others = await getJson('/api/v1/feedback/queue', { headers: await bearer('sx-agriculture') });
    expect(others.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).not.to.include(tn);
    expect((await getJson('/api/v1/feedback/queue')).status).to.equal(401);

    expect(
      (await respond(tn, 'sx-agriculture', { status: 'acknowledged', publicResponse: 'x' })).status,
    ).to.equal(403);
    const ack = await respond(tn, 'test-agency', {
      status: 'acknowledged',
      publicResponse: '正在核实。',
      internalNote: '请统计科王科长复核',
    });
    expect(ack.status, JSON.stringify(ack.body)).to.equal(200);
    assertMatchesSpec('/api/v1/feedback/{trackingNumber}/response', 'post', 200, ack.body);
    const seen = await getJson(`/api/v1/feedback/${tn}`);
    expect(seen.body.data).to.include({ status: 'acknowledged', response: '正在核实。' });
    expect(JSON.stringify(seen.body)).not.to.contain('王科长');

    // The correction names the report: publishing it resolves the report, linked to the revision.
    const { url } = await testServer();
    const upload = await fetch(
      `${url}/api/v1/datasets/${datasetId}/releases?period=2020-01&revise=true&reason=${encodeURIComponent('更正太原价格')}&fixesReport=${tn}`,
      {
        method: 'POST',
        headers: { ...(await bearer('test-agency')), 'content-type': 'text/csv' },
        body: 'period,city,price\n2020-01,太原,5.6\n2020-01,大同,5.5\n',
      },
    );
    expect(upload.status, await upload.clone().text()).to.equal(201);
    const revision = ((await upload.json()) as { data: { id: number; revision: number } }).data;
    const fixed = (await getJson(`/api/v1/feedback/${tn}`)).body.data;
    expect(fixed.status).to.equal('resolved');
    expect(fixed.fixedBy).to.include({ id: revision.id, revision: 2, period: '2020-01' });
    expect(fixed.response).to.equal('正在核实。');
    expect((await respond(tn, 'test-agency', { status: 'rejected', publicResponse: 'x' })).status).to.equal(
      409,
    );
  });

  it('serves the same reports over GraphQL: public status by number, per dataset, and the queue', async () => {
    const gql = async (query: string, headers: Record<string, string> = {}) =>
      getJson('/graphql', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    const rest = (await getJson(`/api/v1/datasets/${datasetId}/feedback`)).body.data as Array<{
      trackingNumber: string;
      status: string;
      response: string | null;
      fixedBy: { revision: number } | null;
    }>;
    const fixed = rest.find((r) => r.fixedBy !== null);
    expect(fixed, 'the report the revision fixed').to.exist;

    const one = await gql(`{ feedbackReport(trackingNumber: "${fixed!.trackingNumber}") {
      trackingNumber datasetId kind status response field period
      row { field value } fixedBy { period revision } } }`);
    expect(one.status, JSON.stringify(one.body)).to.equal(200);
    expect(one.body.data.feedbackReport).to.deep.include({
      trackingNumber: fixed!.trackingNumber,
      datasetId,
      kind: 'WRONG_VALUE',
      status: 'RESOLVED',
      response: '正在核实。',
      field: 'price',
    });
    expect(one.body.data.feedbackReport.row).to.deep.include({ field: 'city', value: '太原' });
    expect(one.body.data.feedbackReport.fixedBy).to.deep.equal({ period: '2020-01', revision: 2 });
    const none = await gql('{ feedbackReport(trackingNumber: "JC2020-AAAAAAAA") { status } }');
    expect(none.body.data.feedbackReport).to.equal(null);

    const listed = await gql(`{ dataset(id: "${datasetId}") { feedback { trackingNumber status } } }`);
    expect(
      listed.body.data.dataset.feedback.map((r: { trackingNumber: string }) => r.trackingNumber),
    ).to.deep.equal(rest.map((r) => r.trackingNumber));

    const queue = await gql(
      '{ feedbackQueue(status: CLOSED) { trackingNumber } }',
      await bearer('test-agency'),
    );
    expect(queue.body.data.feedbackQueue.map((r: { trackingNumber: string }) => r.trackingNumber)).to.include(
      fixed!.trackingNumber,
    );
    const anonymous = await gql('{ feedbackQueue { trackingNumber } }');
    expect(anonymous.body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    // The reporter's email and the agency's internal note have no GraphQL field at all.
    for (const field of ['email', 'internalNote']) {
      const probe = await gql(`{ feedbackQueue { ${field} } }`, await bearer('test-agency'));
      expect(probe.status).to.equal(400);
    }
    expect(JSON.stringify([one.body, listed.body, queue.body])).not.to.contain(EMAIL);
  });

  it('shows reports and answers on the dataset page, and takes new ones from its form', async () => {
    const { url } = await testServer();
    const page = await (await fetch(`${url}/datasets/${datasetId}`)).text();
    expect(page).to.contain('id="feedback"');
    expect(page).to.contain('正在核实。');
    expect(page).to.contain('已由第 2 次修订更正');
    expect(page).not.to.contain(EMAIL);
    expect(page).to.contain('<form method="post" action="/feedback/new">');
    const sent = await fetch(`${url}/feedback/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        dataset: datasetId,
        kind: 'wrong_value',
        period: '2020-01',
        description: '<b>太原</b>价格不对',
        website: '',
      }).toString(),
    });
    expect(sent.status).to.equal(201);
    expect(await sent.text()).to.match(/data-tracking-number>JC\d{4}-/);
    const after = await (await fetch(`${url}/datasets/${datasetId}`)).text();
    expect(after).to.contain('&lt;b&gt;太原&lt;/b&gt;价格不对');
    const refused = await fetch(`${url}/feedback/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ dataset: datasetId, kind: 'wrong_value', description: '' }).toString(),
    });
    expect(refused.status).to.equal(400);
    expect(await refused.text()).to.contain('$.description');
  });

  it('refuses an upload that names a report it cannot fix, before storing anything', async () => {
    const other = await report(datasetId, { kind: 'broken_download', description: 'CSV 下载失败' });
    const tn = other.body.data.trackingNumber as string;
    await respond(tn, 'test-agency', { status: 'rejected', publicResponse: '经核实下载正常。' });
    const { url } = await testServer();
    const headers = await bearer('test-agency');
    const closed = await fetch(
      `${url}/api/v1/datasets/${datasetId}/releases?period=2020-03&fixesReport=${tn}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: 'period,city,price\n2020-03,太原,5\n',
      },
    );
    expect(closed.status).to.equal(409);
    const unknown = await fetch(
      `${url}/api/v1/datasets/${datasetId}/releases?period=2020-03&fixesReport=JC2026-ZZZZZZZZ`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: 'period,city,price\n2020-03,太原,5\n',
      },
    );
    expect(unknown.status).to.equal(404);
    const releases = await getJson(`/api/v1/datasets/${datasetId}/releases?period=2020-03`);
    expect(releases.body.data).to.have.length(0);
  });
});
