import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import {
  act,
  beijingToday,
  CONTACT,
  freshAgency,
  recordPaper,
  requestBody,
  SECRETS,
  submit,
} from '../support/requests';
import { getJson } from '../support/server';
import { SCHEDULED_YEARS } from '../../src/periods';

const expectNoSecrets = (body: unknown, where: string) => {
  const text = JSON.stringify(body);
  for (const s of SECRETS) expect(text, `${where} leaks ${s}`).not.to.contain(s);
};

describe('data requests (依申请公开): submitting, routing, statutory deadlines', () => {
  let agency: string;
  let other: string;

  before(async () => {
    agency = await freshAgency('req');
    other = await freshAgency('req-other');
  });

  it('takes an anonymous request: tracking number, received today, due in 20 working days', async () => {
    const res = await submit(requestBody(agency));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    assertMatchesSpec('/api/v1/requests', 'post', 201, res.body);
    const d = res.body.data;
    expect(d.trackingNumber).to.match(/^YSQ\d{4}-[0-9A-Z]{8}$/);
    expect(res.headers.get('location')).to.equal(`/api/v1/requests/${d.trackingNumber}`);
    expect(d).to.include({ status: 'received', channel: 'online', receivedOn: beijingToday() });
    expect(d.agency.id).to.equal(agency);
    expect(d.timeliness.state).to.equal('pending');
    expect(d.timeliness.dueOn > d.receivedOn).to.equal(true);
    // Provisional exactly when the count reaches a year the holiday data does not cover yet
    // (run in December 2026, the answer falls due in January 2027).
    const years = [Number(d.receivedOn.slice(0, 4)), Number(d.timeliness.dueOn.slice(0, 4))];
    expect(d.timeliness.provisional).to.equal(years.some((y) => !SCHEDULED_YEARS.has(y)));
    expectNoSecrets(res.body, 'the submission answer');
    expect(JSON.stringify(res.body)).not.to.contain('学术研究');

    const status = await getJson(`/api/v1/requests/${d.trackingNumber}`);
    expect(status.status).to.equal(200);
    assertMatchesSpec('/api/v1/requests/{trackingNumber}', 'get', 200, status.body);
    expect(status.body.data.events.map((e: { kind: string }) => e.kind)).to.deep.equal(['submitted']);
    expectNoSecrets(status.body, 'the public status');
    expect(JSON.stringify(status.body)).not.to.contain('保障金支出');
  });

  it('refuses incomplete or oversized requests, naming each field', async () => {
    const res = await submit({
      subject: 'x'.repeat(201),
      requesterType: 'legal_person',
      contact: { name: '张三', email: 'not-an-email' },
    });
    expect(res.status).to.equal(400);
    assertMatchesSpec('/api/v1/requests', 'post', 400, res.body);
    expect(res.body.error.code).to.equal('invalid_request');
    const paths = res.body.error.details.map((i: { path: string }) => i.path);
    expect(paths).to.include.members([
      '$.subject',
      '$.description',
      '$.organisationKind',
      '$.contact.organisation',
      '$.contact.email',
      '$.agency',
    ]);
    expect(JSON.stringify(res.body)).not.to.contain('not-an-email');

    const bell = await submit({ ...requestBody(agency), subject: '统计\u0007数据' });
    expect(bell.status).to.equal(400);
    expect(bell.body.error.details).to.deep.equal([
      { path: '$.subject', message: 'must not contain control characters' },
    ]);
    const big = await submit({ ...requestBody(agency), description: '很'.repeat(30_000) });
    expect(big.status).to.equal(413);
  });

  it('routes by dataset to its lead agency, and 404s an unknown tracking number', async () => {
    const res = await submit(
      requestBody(agency, { agency: undefined, dataset: 'fiscal-revenue-expenditure' }),
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.data.agency.id).to.equal('sx-finance');
    expect(res.body.data.dataset.id).to.equal('fiscal-revenue-expenditure');
    const missing = await getJson('/api/v1/requests/YSQ2026-ZZZZZZZZ');
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('request_not_found');
    expect((await getJson('/api/v1/requests/..%2Fadmin')).status).to.equal(404);
  });

  it('lets only an agency record a paper request with its day of receipt (art. 31)', async () => {
    const anonymous = await submit(requestBody(agency, { channel: 'mail', receivedOn: '2025-01-24' }));
    expect(anonymous.status).to.equal(403);
    const foreign = await submit(
      requestBody(other, { channel: 'mail', receivedOn: '2025-01-24' }),
      await bearer(agency),
    );
    expect(foreign.status).to.equal(403);
    const future = await submit(
      requestBody(agency, { channel: 'in_person', receivedOn: '2099-01-01' }),
      await bearer(agency),
    );
    expect(future.status).to.equal(400);
  });

  it('counts the deadline across the Spring Festival: received 2025-01-24, due 2025-02-27, now overdue', async () => {
    const tn = await recordPaper(agency, '2025-01-24');
    const { body } = await getJson(`/api/v1/requests/${tn}`);
    expect(body.data.receivedOn).to.equal('2025-01-24');
    expect(body.data.channel).to.equal('mail');
    expect(body.data.timeliness).to.include({ state: 'overdue', dueOn: '2025-02-27', provisional: false });
    expect(body.data.timeliness.workingDaysLate).to.be.greaterThan(300);
  });

  it('shows the agency its queue without contact details, and the case with them to it alone', async () => {
    const tn = await recordPaper(agency, beijingToday());
    const queue = await getJson('/api/v1/requests/queue', { headers: await bearer(agency) });
    expect(queue.status).to.equal(200);
    assertMatchesSpec('/api/v1/requests/queue', 'get', 200, queue.body);
    expect(queue.headers.get('cache-control')).to.contain('no-store');
    const mine = queue.body.data.find((r: { trackingNumber: string }) => r.trackingNumber === tn);
    expect(mine).to.include({
      description: requestBody(agency).description,
      requesterType: 'natural_person',
    });
    expectNoSecrets(queue.body, 'the queue');
    // Soonest due first.
    const due = queue.body.data.map((r: { timeliness: { dueOn: string } }) => r.timeliness.dueOn);
    expect(due).to.deep.equal([...due].sort());

    const theirs = await getJson('/api/v1/requests/queue', { headers: await bearer(other) });
    expect(theirs.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).not.to.include(tn);
    expect(
      (await getJson(`/api/v1/requests/queue?agency=${agency}`, { headers: await bearer(other) })).status,
    ).to.equal(403);
    expect((await getJson('/api/v1/requests/queue')).status).to.equal(401);

    const c = await getJson(`/api/v1/requests/${tn}/case`, { headers: await bearer(agency) });
    expect(c.status).to.equal(200);
    assertMatchesSpec('/api/v1/requests/{trackingNumber}/case', 'get', 200, c.body);
    expect(c.body.data.contact).to.include(CONTACT);
    expect((await getJson(`/api/v1/requests/${tn}/case`, { headers: await bearer(other) })).status).to.equal(
      403,
    );
    expect((await getJson(`/api/v1/requests/${tn}/case`)).status).to.equal(401);
  });

  it('forwards a request to another agency, on the record, keeping the clock', async () => {
    const tn = await recordPaper(agency, beijingToday());
    const before = (await getJson(`/api/v1/requests/${tn}`)).body.data.timeliness.dueOn;
    const res = await act(agency, tn, 'forward', { agency: other, note: '该信息由其他机关掌握' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.data.agency.id).to.equal(other);
    const status = (await getJson(`/api/v1/requests/${tn}`)).body.data;
    expect(status.timeliness.dueOn).to.equal(before);
    expect(status.events.at(-1)).to.include({ kind: 'forwarded', fromAgency: agency, toAgency: other });
    expect((await act(agency, tn, 'forward', { agency })).status, 'no longer theirs').to.equal(403);
    const audit = await getJson('/api/v1/admin/audit?limit=20', { headers: adminHeaders() });
    const entry = audit.body.data.find(
      (e: { action: string; detail: { trackingNumber?: string } }) =>
        e.action === 'request.forward' && e.detail.trackingNumber === tn,
    );
    expect(entry).to.include({ outcome: 'success' });
    expect(entry.detail).to.include({ from: agency, to: other });
    expectNoSecrets(audit.body, 'the audit log');
  });

  it('stops the clock for completion (补正, art. 30) and restarts it from the completed request', async () => {
    const tn = await recordPaper(agency, beijingToday());
    expect((await act(agency, tn, 'clarification', {})).status, 'a note is required').to.equal(400);
    const asked = await act(agency, tn, 'clarification', { note: '请说明所需信息的年份范围' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(200);
    expect(asked.body.data.status).to.equal('awaiting_clarification');
    expect(asked.body.data.timeliness).to.include({ state: 'awaiting_clarification', dueOn: null });
    expect((await act(agency, tn, 'clarification', { note: 'again' })).status).to.equal(409);
    const status = (await getJson(`/api/v1/requests/${tn}`)).body.data;
    expect(status.events.at(-1)).to.include({
      kind: 'clarification_requested',
      note: '请说明所需信息的年份范围',
    });

    const done = await act(agency, tn, 'clarification/received', {
      receivedOn: beijingToday(),
      description: '2023年至2025年',
    });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.data).to.include({ status: 'received', description: '2023年至2025年' });
    expect(done.body.data.timeliness).to.include({ state: 'pending', clockStartOn: beijingToday() });

    // Too late: 7 working days after 2025-09-28 ended on 2025-10-14 (National Day skipped).
    const old = await recordPaper(agency, '2025-09-28');
    const late = await act(agency, old, 'clarification', { note: '请补正' });
    expect(late.status).to.equal(409);
    expect(late.body.error).to.deep.include({ code: 'clarification_window_passed' });
    expect(late.body.error.details).to.deep.equal({ receivedOn: '2025-09-28', lastDay: '2025-10-14' });
  });

  it('extends once, by at most 20 working days, before the period runs out (art. 33)', async () => {
    const tn = await recordPaper(agency, beijingToday());
    const base = (await getJson(`/api/v1/requests/${tn}`)).body.data.timeliness.dueOn as string;
    expect(
      (await act(agency, tn, 'extension', { workingDays: 21, reason: 'r', approvedBy: 'b' })).status,
    ).to.equal(400);
    const res = await act(agency, tn, 'extension', {
      workingDays: 20,
      reason: '需要跨部门核实数据',
      approvedBy: '政府信息公开工作机构负责人',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.data.timeliness).to.include({ extended: true, baseDueOn: base });
    expect(res.body.data.timeliness.dueOn > base).to.equal(true);
    const again = await act(agency, tn, 'extension', { workingDays: 5, reason: 'r', approvedBy: 'b' });
    expect(again.body.error.code).to.equal('already_extended');
    const status = (await getJson(`/api/v1/requests/${tn}`)).body.data;
    expect(status.extension).to.deep.include({ workingDays: 20, reason: '需要跨部门核实数据' });
    expect(status.events.at(-1)).to.include({ kind: 'extended', note: '需要跨部门核实数据' });

    const overdue = await recordPaper(agency, '2025-01-24');
    const refused = await act(agency, overdue, 'extension', { workingDays: 5, reason: 'r', approvedBy: 'b' });
    expect(refused.body.error).to.deep.include({ code: 'deadline_passed', details: { dueOn: '2025-02-27' } });
  });

  it('answers with the regulation’s types, reason and legal basis, the remedy and linked releases', async () => {
    const tn = await recordPaper(agency, beijingToday());
    const noBasis = await act(agency, tn, 'answer', { type: 'withhold', reason: 'third_party' });
    expect(noBasis.status).to.equal(400);
    expect(noBasis.body.error.details.map((i: { path: string }) => i.path)).to.deep.equal(['$.legalBasis']);
    const wrongReason = await act(agency, tn, 'answer', { type: 'unable', reason: 'third_party' });
    expect(wrongReason.body.error.details[0].path).to.equal('$.reason');

    const releases = await getJson('/api/v1/datasets/agri-prices/releases');
    const release = releases.body.data[0];
    const res = await act(agency, tn, 'answer', {
      type: 'partial',
      reason: 'third_party',
      legalBasis: '《中华人民共和国政府信息公开条例》第十五条、第三十七条',
      reply: '可公开部分见所附数据；涉及个人隐私的部分不予公开。',
      links: [{ dataset: 'agri-prices', release: release.id }, { dataset: 'fiscal-revenue-expenditure' }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const a = res.body.data.answer;
    expect(a).to.include({ type: 'partial', reason: 'third_party', answeredOn: beijingToday() });
    expect(a.typeLabel.zh).to.equal('部分公开');
    expect(a.remedy)
      .to.match(/行政复议/)
      .and.to.match(/行政诉讼/);
    expect(a.remedy).to.contain(`测试${agency}局`);
    expect(a.links[0]).to.include({ dataset: 'agri-prices', release: release.id, period: release.period.id });
    expect(res.body.data.timeliness.state).to.equal('on_time');

    const status = await getJson(`/api/v1/requests/${tn}`);
    assertMatchesSpec('/api/v1/requests/{trackingNumber}', 'get', 200, status.body);
    expect(status.body.data.answer.reply).to.contain('可公开部分');
    expect((await act(agency, tn, 'answer', { type: 'disclose' })).status, 'answered once').to.equal(409);

    const embargoed = await recordPaper(agency, beijingToday());
    const bad = await act(agency, embargoed, 'answer', {
      type: 'disclose',
      links: [{ dataset: 'agri-prices', release: 999999999 }],
    });
    expect(bad.status).to.equal(400);
  });

  it('keeps the remedy template an administrator sets, per agency', async () => {
    const put = (body: unknown, headers: Record<string, string>) =>
      getJson('/api/v1/admin/request-remedy', {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const text =
      '如不服{agency}的答复，可在60日内向山西省人民政府申请行政复议，或在6个月内向太原铁路运输法院提起行政诉讼。';
    expect((await put({ agency: other, text }, await bearer(other))).status).to.equal(403);
    expect((await put({ agency: other, text: '不服可以投诉' }, adminHeaders())).status).to.equal(400);
    const res = await put({ agency: other, text }, adminHeaders());
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    assertMatchesSpec('/api/v1/admin/request-remedy', 'put', 200, res.body);
    const list = await getJson('/api/v1/admin/request-remedy', { headers: adminHeaders() });
    assertMatchesSpec('/api/v1/admin/request-remedy', 'get', 200, list.body);
    expect(list.body.data.map((t: { agency: string | null }) => t.agency)).to.include.members([null, other]);

    const tn = await recordPaper(other, beijingToday());
    const answered = await act(other, tn, 'answer', {
      type: 'unable',
      reason: 'not_held',
      reply: '本机关不掌握该信息。',
    });
    expect(answered.body.data.answer.remedy).to.equal(text.replace('{agency}', `测试${other}局`));
  });

  it('rates on-time, late and overdue answers per agency and year', async () => {
    const a = await freshAgency('req-time');
    const late = await recordPaper(a, '2025-01-24');
    await recordPaper(a, '2025-01-24'); // stays overdue
    await act(a, late, 'answer', { type: 'disclose' });
    const onTime = await recordPaper(a, beijingToday());
    await act(a, onTime, 'answer', { type: 'disclose' });

    const y2025 = await getJson(`/api/v1/agencies/${a}/requests/timeliness?year=2025`);
    expect(y2025.status).to.equal(200);
    assertMatchesSpec('/api/v1/agencies/{agencyId}/requests/timeliness', 'get', 200, y2025.body);
    expect(y2025.body.data).to.include({ due: 2, late: 1, overdue: 1, onTime: 0, onTimeRate: 0 });
    const answeredLate = (await getJson(`/api/v1/requests/${late}`)).body.data.timeliness;
    expect(answeredLate.state).to.equal('late');

    // A year counts the requests due in it: today's falls due 20 working days on.
    const dueYear = (await getJson(`/api/v1/requests/${onTime}`)).body.data.timeliness.dueOn.slice(0, 4);
    const now = await getJson(`/api/v1/agencies/${a}/timeliness?year=${dueYear}`);
    expect(now.status).to.equal(200);
    assertMatchesSpec('/api/v1/agencies/{agencyId}/timeliness', 'get', 200, now.body);
    expect(now.body.data.requests).to.include({ onTime: 1, late: 0 });
    const ranking = await getJson('/api/v1/timeliness?year=2025');
    assertMatchesSpec('/api/v1/timeliness', 'get', 200, ranking.body);
    const mine = ranking.body.data.find((r: { agency: { id: string } }) => r.agency.id === a);
    expect(mine.requests).to.include({ late: 1, overdue: 1 });
    expect((await getJson('/api/v1/agencies/no-such-agency/requests/timeliness')).status).to.equal(404);
  });
});
