import { expect } from 'chai';
import { adminHeaders } from '../support/auth';
import { testDatasetBody } from '../support/dataset-body';
import { assertMatchesSpec } from '../support/openapi';
import { act, beijingToday, freshAgency, recordPaper, requestBody, submit } from '../support/requests';
import { getJson, testServer } from '../support/server';

describe('data requests: the annual-report table and candidates for proactive disclosure', () => {
  it('fills section 三 of the annual report for any agency and year, as JSON and CSV', async () => {
    const a = await freshAgency('report');
    const year = Number(beijingToday().slice(0, 4));
    const lastYear = `${year - 1}`;
    const old = await recordPaper(a, `${lastYear}-01-24`);
    await recordPaper(a, `${lastYear}-06-01`, {
      requesterType: 'legal_person',
      organisationKind: 'research',
      contact: { name: '李四', organisation: '山西大学', email: 'li@example.cn' },
    });
    const withheld = await recordPaper(a, beijingToday(), {
      requesterType: 'legal_person',
      organisationKind: 'commercial',
      contact: { name: '王五', organisation: '某某有限公司', phone: '0351-1234567' },
    });
    await recordPaper(a, beijingToday());
    await act(a, old, 'answer', { type: 'disclose' });
    await act(a, withheld, 'answer', {
      type: 'withhold',
      reason: 'state_secret',
      legalBasis: '《条例》第十四条',
    });
    const spam = await submit(requestBody(a, { website: 'http://spam.example' }));
    expect(spam.body.data.status).to.equal('spam');

    const res = await getJson(`/api/v1/agencies/${a}/requests/annual-report?year=${year}`);
    expect(res.status).to.equal(200);
    assertMatchesSpec('/api/v1/agencies/{agencyId}/requests/annual-report', 'get', 200, res.body);
    const r = res.body.data;
    expect(r.source.document).to.equal('国办公开办函〔2021〕30号');
    const line = (id: string) => r.rows.find((x: { id: string }) => x.id === id).counts;
    expect(line('new')).to.deep.include({ natural_person: 1, commercial: 1, total: 2 });
    expect(line('carried_over')).to.deep.include({ natural_person: 1, research: 1, total: 2 });
    expect(line('result.disclose')).to.deep.include({ natural_person: 1, total: 1 });
    expect(line('result.withhold.state_secret')).to.deep.include({ commercial: 1, total: 1 });
    expect(line('result.total').total).to.equal(2);
    expect(line('carried_forward')).to.deep.include({ natural_person: 1, research: 1, total: 2 });
    expect(r.balanced).to.equal(true);

    const before = (await getJson(`/api/v1/agencies/${a}/requests/annual-report?year=${lastYear}`)).body.data;
    const lineBefore = (id: string) => before.rows.find((x: { id: string }) => x.id === id).counts.total;
    expect([
      lineBefore('new'),
      lineBefore('carried_over'),
      lineBefore('result.total'),
      lineBefore('carried_forward'),
    ]).to.deep.equal([2, 0, 0, 2]);

    const { url } = await testServer();
    const csv = await fetch(`${url}/api/v1/agencies/${a}/requests/annual-report.csv?year=${year}&bom=1`);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).to.have.length(26);
    expect(lines[0]).to.equal(
      '项目,自然人,法人或其他组织：商业企业,法人或其他组织：科研机构,法人或其他组织：社会公益组织,法人或其他组织：法律服务机构,法人或其他组织：其他,总计',
    );
    expect(lines).to.include('三、本年度办理结果 （三）不予公开 1.属于国家秘密,0,1,0,0,0,0,1');
    const plain = await fetch(`${url}/api/v1/agencies/${a}/requests/annual-report.csv?year=${year}`);
    expect((await plain.text()).startsWith('项目')).to.equal(true);
    expect((await getJson(`/api/v1/agencies/${a}/requests/annual-report?year=1999`)).status).to.equal(400);
  });

  it('flags information many people ask for, by dataset or by similar subjects', async () => {
    const a = await freshAgency('cand');
    const dataset = `cand-${Date.now().toString(36)}`;
    const created = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify(testDatasetBody(dataset, a, { cadence: 'monthly' })),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const today = beijingToday();
    for (const subject of ['各县药品抽检结果', '药店名单', '抽检不合格药品']) {
      await recordPaper(a, today, { subject, dataset });
    }
    for (const subject of [
      '2025年太原市空气质量月报',
      '太原市2025年空气质量月报',
      '申请公开2025年太原市空气质量月报数据',
    ]) {
      await recordPaper(a, today, { subject });
    }
    await recordPaper(a, today, { subject: '大同市医保定点药店名单' });
    await recordPaper(a, today, { subject: '大同市医保定点药店名单' });

    const res = await getJson(`/api/v1/agencies/${a}/requests/disclosure-candidates`);
    expect(res.status).to.equal(200);
    assertMatchesSpec('/api/v1/agencies/{agencyId}/requests/disclosure-candidates', 'get', 200, res.body);
    expect(res.body.meta).to.include({ threshold: 3, similarity: 0.5 });
    expect(
      res.body.data.map((c: { kind: string; count: number; subject: string }) => [
        c.kind,
        c.count,
        c.subject,
      ]),
    ).to.deep.equal([
      ['dataset', 3, '各县药品抽检结果'],
      ['text', 3, '2025年太原市空气质量月报'],
    ]);
    expect(res.body.data[0].dataset.id).to.equal(dataset);

    const gql = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ agency(id: "${a}") { disclosureCandidates { kind count subject } requestTimeliness { due pending } } }`,
      }),
    });
    expect(gql.body.errors).to.equal(undefined);
    expect(gql.body.data.agency.disclosureCandidates).to.have.length(2);
    expect((await getJson('/api/v1/agencies/nobody-here/requests/disclosure-candidates')).status).to.equal(
      404,
    );
  });
});
